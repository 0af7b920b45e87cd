import Foundation
import SmeltIR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
struct ChildOutcome: Sendable {
    /// Everything the child wrote to stdout.
    var stdout: Data
    /// The last `stderrKeep` bytes the child wrote to stderr (all of it when short).
    var stderr: Data
    /// Exit status, or the signal number when `signaled`.
    var status: Int32
    /// The child died from a signal (SIGABRT from a QEMU `cpu_abort`, SIGKILL from a timeout).
    var signaled: Bool
    /// The child was killed because it outran the timeout.
    var timedOut: Bool

    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs a tool with pipes on stdout and stderr, an optional timeout (SIGKILL), and an optional
/// streaming consumer for stderr so that a multi-gigabyte QEMU trace never lands in memory or on disk.
enum ChildProcess {
    static let stderrKeep = 64 * 1024

    static func run(
        _ executable: URL, _ arguments: [String], directory: URL? = nil, timeout: Double? = nil,
        stderrSink: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil
    ) throws -> ChildOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SmeltError("cannot start \(executable.path): \(error)")
        }
        let out = ByteSink(keep: Int.max)
        let err = ByteSink(keep: stderrKeep)
        let group = DispatchGroup()
        drain(outPipe.fileHandleForReading.fileDescriptor, into: out, sink: nil, group: group)
        drain(errPipe.fileHandleForReading.fileDescriptor, into: err, sink: stderrSink, group: group)

        let state = KillState()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if state.markTimedOutIfRunning() { _ = kill(pid, SIGKILL) }
            }
        }
        group.wait()
        process.waitUntilExit()
        let timedOut = state.markFinished()
        return ChildOutcome(
            stdout: out.data, stderr: err.data, status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// Reads `fd` to end of file on its own thread, keeping bytes in `box` and feeding `sink`.
    private static func drain(
        _ fd: Int32, into box: ByteSink, sink: (@Sendable (UnsafeRawBufferPointer) -> Void)?, group: DispatchGroup
    ) {
        group.enter()
        let thread = Thread {
            let capacity = 1 << 20
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = read(fd, buffer, capacity)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                let chunk = UnsafeRawBufferPointer(start: buffer, count: n)
                sink?(chunk)
                box.append(chunk)
            }
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Bytes read from one pipe, keeping at most the last `keep` bytes.
private final class ByteSink: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    private let keep: Int

    init(keep: Int) { self.keep = keep }

    func append(_ chunk: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        if keep == Int.max {
            bytes.append(contentsOf: chunk)
        } else {
            bytes.append(contentsOf: chunk.suffix(keep))
            if bytes.count > keep { bytes.removeFirst(bytes.count - keep) }
        }
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }
}

/// Whether the timeout fired before the child finished (so a reused pid is never killed).
private final class KillState: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var timedOut = false

    func markTimedOutIfRunning() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if finished { return false }
        timedOut = true
        return true
    }

    func markFinished() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return timedOut
    }
}
