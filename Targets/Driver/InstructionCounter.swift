import Foundation
import SmeltIR

/// Instruction counts of a firmware run (see `InstructionTally` for what is counted).
///
/// These are executed instructions, not cycles: QEMU does not model pipelines, wait states or
/// multi-cycle instructions. They are deterministic (identical across runs).
public struct InstructionCounts: Sendable, Equatable {
    /// Instructions of each inference, in sample order.
    public var perInference: [Int]
    /// For each inference, the instructions of each layer (empty without layer hooks).
    public var perLayer: [[Int]]
    /// Every instruction of the run, startup and I/O included.
    public var total: Int
    /// The firmware's output and exit status.
    public var run: RunResult
}

/// Counts executed instructions of a firmware under QEMU, per inference and per layer.
///
/// Runs `qemu-system-arm -singlestep -d exec,nochain`: one trace line per executed instruction
/// goes to QEMU's stderr, which is streamed through a pipe into `TraceParser` and
/// `InstructionTally` (never stored: a large model's trace is gigabytes). Marker addresses come
/// from `arm-none-eabi-nm`. Do not add `-icount`: the plain trace is already deterministic.
public struct InstructionCounter: Sendable {
    public var toolchain: Toolchain

    public init(toolchain: Toolchain = .find()) { self.toolchain = toolchain }

    /// Runs `elf` on `board` with `input` (the runner's `smelt_input.bin`) and counts instructions.
    public func count(elf: URL, board: Board, input: Data = Data(), timeout: Double = 600) throws -> InstructionCounts {
        let markers = try MarkerSymbols.read(elf: elf, toolchain: toolchain)
        let box = TallyBox(InstructionTally(beginAddress: markers.begin, endAddress: markers.end, markAddress: markers.layerMark))
        let parser = TraceParser { pc in box.tally.step(pc: pc) }
        let run = try QEMURunner(toolchain: toolchain).launch(
            elf: elf, board: board, input: input, timeout: timeout,
            extraArguments: ["-singlestep", "-d", "exec,nochain"],
            stderrSink: { chunk in parser.feed(chunk) })
        parser.finish()
        let tally = box.tally
        return InstructionCounts(perInference: tally.perInference, perLayer: tally.perLayer, total: tally.total, run: run)
    }
}

/// The tally, mutated only from the stderr reader thread, read after it has finished.
private final class TallyBox: @unchecked Sendable {
    var tally: InstructionTally
    init(_ tally: InstructionTally) { self.tally = tally }
}
