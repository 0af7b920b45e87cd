import Foundation
import SmeltIR

/// Runs a firmware ELF under `qemu-system-arm` with semihosting and returns what it printed.
///
/// QEMU starts in a fresh temporary folder holding `input` as `smelt_input.bin` (the runner's
/// input, see `SampleFile`); semihosting output goes to QEMU's stdout through `-chardev stdio`.
/// A fault report, a lockup, a QEMU failure and a timeout are thrown as `TargetRunError`, never
/// returned as output; on timeout QEMU is killed.
public struct QEMURunner: Sendable {
    public var toolchain: Toolchain

    public init(toolchain: Toolchain = .find()) { self.toolchain = toolchain }

    /// The QEMU arguments for running `elf` on `board` (no tracing).
    public static func arguments(elf: URL, board: Board) -> [String] {
        ["-M", board.qemuMachine, "-display", "none", "-monitor", "none", "-serial", "none",
         "-chardev", "stdio,id=smelt", "-semihosting-config", "enable=on,target=native,chardev=smelt",
         "-kernel", elf.path]
    }

    /// Runs `elf` on `board` with `input` as the runner's input file, killing QEMU after `timeout` seconds.
    public func run(elf: URL, board: Board, input: Data = Data(), timeout: Double = 60) throws -> RunResult {
        try launch(elf: elf, board: board, input: input, timeout: timeout, extraArguments: [], stderrSink: nil)
    }

    /// Runs QEMU with extra arguments (e.g. tracing) and an optional stderr consumer; classifies the outcome.
    func launch(
        elf: URL, board: Board, input: Data, timeout: Double, extraArguments: [String],
        stderrSink: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    ) throws -> RunResult {
        let qemu = try toolchain.require(Toolchain.qemuName)
        guard FileManager.default.fileExists(atPath: elf.path) else {
            throw SmeltError("\(elf.path): firmware not found")
        }
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("smelt-qemu-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try input.write(to: work.appendingPathComponent(BoardSupport.inputFileName))
        let outcome = try ChildProcess.run(
            qemu, Self.arguments(elf: elf, board: board) + extraArguments, directory: work, timeout: timeout,
            stderrSink: stderrSink)
        return try Self.classify(outcome, elf: elf.lastPathComponent, timeout: timeout)
    }

    /// Sorts a finished QEMU run into a result or one of the `TargetRunError` cases.
    static func classify(_ outcome: ChildOutcome, elf: String, timeout: Double) throws -> RunResult {
        let output = outcome.stdoutText
        if outcome.timedOut {
            throw TargetRunError.timeout(elf: elf, seconds: timeout, output: output)
        }
        if let range = output.range(of: "smelt-fault: ") {
            let line = output[range.upperBound...].prefix(while: { $0 != "\n" })
            let kind = String(line.prefix(while: { $0 != " " }))
            var pc: UInt32 = 0
            if let pcRange = line.range(of: "pc=0x") {
                pc = UInt32(line[pcRange.upperBound...].prefix(while: { $0.isHexDigit }), radix: 16) ?? 0
            }
            let before = String(output[..<range.lowerBound]).trimmingCharacters(in: .newlines)
            throw TargetRunError.fault(elf: elf, kind: kind, pc: pc, output: before)
        }
        let errors = outcome.stderrText.split(separator: "\n").filter { !$0.hasPrefix("Trace ") }
        if let lockup = errors.first(where: { $0.contains("Lockup") }) {
            throw TargetRunError.lockup(elf: elf, message: lockup.replacingOccurrences(of: "qemu: fatal: ", with: ""))
        }
        if outcome.signaled {
            let first = errors.first.map(String.init) ?? "killed by signal \(outcome.status)"
            throw TargetRunError.emulator(elf: elf, message: first)
        }
        if let qemuError = errors.first(where: { $0.hasPrefix("qemu-system-arm:") || $0.hasPrefix("qemu:") }) {
            throw TargetRunError.emulator(elf: elf, message: String(qemuError))
        }
        return RunResult(output: output, exitCode: outcome.status)
    }
}
