import Foundation

/// Where a command writes: standard output and standard error, or buffers in tests.
///
/// Commands never call `print` directly, so they can be run in-process with captured output.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    /// A console with custom sinks.
    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.writeOut = out
        self.writeErr = err
    }

    /// The process's stdout and stderr.
    public static func standard() -> Console {
        Console(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) }
        )
    }

    /// Writes `text` to standard output as is.
    public func write(_ text: String) { writeOut(text) }

    /// Writes one line to standard output.
    public func line(_ text: String = "") { writeOut(text + "\n") }

    /// Writes `text` to standard error as is.
    public func writeError(_ text: String) { writeErr(text) }
}

/// A console that records everything written, for in-process tests.
public final class CapturingConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outBuffer = ""
    private var errBuffer = ""

    public init() {}

    /// The console to pass to `SmeltCLI.run`.
    public var console: Console {
        Console(
            out: { [self] s in lock.withLock { outBuffer += s } },
            err: { [self] s in lock.withLock { errBuffer += s } }
        )
    }

    /// Everything written to standard output so far.
    public var out: String { lock.withLock { outBuffer } }
    /// Everything written to standard error so far.
    public var err: String { lock.withLock { errBuffer } }
}
