import Foundation
import SmeltIR

/// What a firmware printed over semihosting and the exit status it passed to SYS_EXIT_EXTENDED.
public struct RunResult: Sendable, Equatable {
    /// The console output (semihosting SYS_WRITE0 / SYS_WRITEC).
    public var output: String
    /// The firmware's exit status (`main`'s return value under Smelt's startup).
    public var exitCode: Int32

    public init(output: String, exitCode: Int32) {
        self.output = output
        self.exitCode = exitCode
    }

    /// The runner's output rows: every line made only of space-separated integers.
    /// Example: output `"3 -4\n7 0\n"` gives `[[3, -4], [7, 0]]`.
    public func rows() -> [[Int32]] {
        output.split(separator: "\n").compactMap { line -> [Int32]? in
            let fields = line.split(separator: " ")
            if fields.isEmpty { return nil }
            let values = fields.compactMap { Int32($0) }
            return values.count == fields.count ? values : nil
        }
    }

    /// The runner's rows, or a one-line error naming `elf` when the exit status was not 0.
    public func requireRows(elf: String) throws -> [[Int32]] {
        guard exitCode == 0 else {
            let note = output.split(separator: "\n").last(where: { $0.hasPrefix("smelt-runner:") }) ?? ""
            throw SmeltError("\(elf): firmware exited with status \(exitCode) \(note)")
        }
        return rows()
    }
}
