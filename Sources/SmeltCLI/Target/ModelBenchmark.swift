import Foundation
import SmeltIR
import SmeltQuant
import SmeltEmulator
import SmeltTargets

/// One model measured on one board: sizes from the ELF, instructions from QEMU's exec trace.
///
/// Instructions are executed instructions counted per inference (between the runner's
/// `smelt_bench_begin` / `smelt_bench_end`) and per layer (between `SMELT_LAYER_BEGIN(i)` /
/// `SMELT_LAYER_END(i)`, about 3 instructions of hook overhead each). They are not cycles.
public struct ModelBenchmark: Sendable {
    public var model: String
    public var board: String
    public var optimization: FirmwareBuilder.Optimization
    public var size: SizeReport
    public var report: CodegenReport
    /// Instructions of the one inference measured.
    public var instructions: Int
    /// Instructions per layer, in layer order.
    public var layerInstructions: [Int]

    /// The compile report figures bench needs (kept small so the benchmark is `Sendable`).
    public struct CodegenReport: Sendable {
        public var layers: [(name: String, op: String, macs: Int)]
        public var arenaBytes: Int
        public var totalMACs: Int
        /// The model's constants in flash (weights, tables, multipliers/shifts, layer parameters).
        public var flashBytes: Int
    }

    /// Instructions per multiply-accumulate (0 when the model has no MACs).
    public var instructionsPerMAC: Double { report.totalMACs == 0 ? 0 : Double(instructions) / Double(report.totalMACs) }

    /// Compiles, builds with layer hooks, and counts one inference on `sample` (integers), or on
    /// the input's zero point when nil.
    public static func measure(_ compiled: CompiledModel, modelLabel: String, board: Board,
                               optimization: FirmwareBuilder.Optimization, sample: [Int32]?,
                               timeout: Double = 3600, toolchain: Toolchain = .find()) throws -> ModelBenchmark {
        let q = compiled.quantized
        let input = try q.requireTensor(q.inputs[0])
        let x = sample ?? Array(repeating: input.quant?.zeroPoints.first ?? 0, count: input.elementCount)
        let firmware = try TargetFirmware.build(compiled, board: board, optimization: optimization, layerHooks: true, toolchain: toolchain)
        defer { firmware.remove() }
        let data = try SampleFile.encode(samples: [x], inputSize: input.elementCount, elementBytes: input.dtype.byteWidth)
        let counts: InstructionCounts
        do {
            counts = try InstructionCounter(toolchain: toolchain).count(elf: firmware.elf, board: board, input: data, timeout: timeout)
        } catch let e as TargetRunError {
            throw SmeltError(e.description)
        }
        let rows = try counts.run.requireRows(elf: firmware.elf.lastPathComponent)
        let expected = try IntegerInterpreter(graph: q).run(x)
        guard rows == [expected] else {
            throw SmeltError("\(modelLabel) on \(board.name): the firmware's output \(rows.first ?? []) differs from the integer emulator's \(expected)")
        }
        guard let total = counts.perInference.first, let layers = counts.perLayer.first else {
            throw SmeltError("\(firmware.elf.lastPathComponent): no inference was counted")
        }
        let r = compiled.generated.report
        return ModelBenchmark(
            model: modelLabel, board: board.name, optimization: optimization, size: firmware.size,
            report: CodegenReport(layers: r.layers.map { ($0.name, $0.op, $0.macs) }, arenaBytes: r.arenaBytes, totalMACs: r.totalMACs,
                                  flashBytes: r.flashBytes),
            instructions: total, layerInstructions: layers)
    }
}
