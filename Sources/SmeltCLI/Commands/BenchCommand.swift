import Foundation
import SmeltIR
import SmeltQuant
import SmeltTargets

/// `smelt bench MODEL --target BOARD`: instructions per inference, per layer, under QEMU.
public struct BenchCommand: Command {
    public init() {}
    public let name = "bench"
    public let summary = "Count instructions per inference (per layer) of a model's firmware under QEMU."
    public let discussion = """
        The model is compiled and built as 'smelt build' does, with a hook around every layer, then
        run once under qemu-system-arm with a single-step execution trace. Executed instructions
        are counted per inference and per layer (each layer's count includes about 3 instructions of
        hook overhead). The firmware's output is checked against the integer emulator.

        INSTRUCTIONS ARE NOT CYCLES: QEMU does not model pipelines, wait states or multi-cycle
        instructions (a Cortex-M0 multiply may take 1 or 32 cycles). Counts are deterministic.

        The sample measured is the first row of --input (real values), else the first calibration
        row, else seeded random values for a reference shape, else the input's zero point.
        Counting runs at roughly 0.3 million instructions per second.

        EXAMPLES:
          smelt bench Examples/digits/digits.json --calibrate Examples/digits/calibration.csv --target cortex-m4
          smelt bench ds-cnn --target cortex-m4
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: ModelSource.help)],
        options: [.value("target", short: "t", valueName: "BOARD", help: "board: cortex-m0, cortex-m0-mps2, cortex-m3, cortex-m4, cortex-m7", required: true)]
            + CompileCommand.quantizationOptions + [
            .value("input", short: "i", valueName: "FILE", help: "measure the first row of FILE (CSV or JSON, real values)"),
            .value("optimize", valueName: "speed|size", help: "-O2 or -Os (default: size on Cortex-M0, speed elsewhere)"),
            .value("timeout", valueName: "SECONDS", help: "stop QEMU after this long (default 3600)"),
            .flag("specialize", help: "shape-specialized loops per layer instead of shared kernels + params structs"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let model = arguments.positional("MODEL") else { throw UsageError("missing MODEL") }
        let board = try TargetFirmware.board(arguments)
        let optimization = try TargetFirmware.optimization(arguments, board: board)
        let timeout = Double(try arguments.integer("timeout", in: 1...86_400) ?? 3600)
        let options = try CompileCommand.compileOptions(arguments)
        let compiled = try ModelSource.compile(model, options: options)
        let sample = try Self.sample(compiled, model: model, input: arguments.value("input"), options: options)
        let b = try ModelBenchmark.measure(compiled, modelLabel: model, board: board, optimization: optimization, sample: sample, timeout: timeout)
        console.write(Self.render(b, board: board))
        return 0
    }

    /// The integer sample to measure (see the discussion), nil for the zero point.
    static func sample(_ compiled: CompiledModel, model: String, input: String?, options: CompileOptions) throws -> [Int32]? {
        let q = compiled.quantized
        let width = try q.requireTensor(q.inputs[0]).elementCount
        if let path = input {
            return try q.quantizeInput(try InputRows.load(path: path, width: width)[0])
        }
        if compiled.floatGraph != nil, let cal = options.calibrationPath {
            return try q.quantizeInput(try CSVData(path: cal, expectedColumns: width).rows[0])
        }
        if let g = compiled.floatGraph, (model as NSString).pathExtension.isEmpty {
            return try q.quantizeInput(ReferenceModels.samples(for: g, count: 1, seed: 99)[0])
        }
        return nil
    }

    /// The per-layer table and the totals.
    static func render(_ b: ModelBenchmark, board: Board) -> String {
        let g = NumberFormat.grouped
        func ratio(_ n: Int, _ macs: Int) -> String { macs == 0 ? "" : String(format: "%.2f", Double(n) / Double(macs)) }
        var t = TextTable(headers: ["#", "layer", "op", "MACs", "instructions", "instr/MAC"],
                          alignments: [.right, .left, .left, .right, .right, .right])
        for (i, l) in b.report.layers.enumerated() {
            let n = i < b.layerInstructions.count ? b.layerInstructions[i] : 0
            t.add([String(i), l.name, l.op, g(l.macs), g(n), ratio(n, l.macs)])
        }
        t.addFooter(["", "inference", "", g(b.report.totalMACs), g(b.instructions), ratio(b.instructions, b.report.totalMACs)])
        return "\(b.model) on \(board.name) (\(board.core), \(b.optimization.rawValue)): one inference under QEMU\n\n"
            + t.render() + "\n"
            + "instructions per inference \(g(b.instructions)) (executed instructions, not cycles)\n"
            + "instructions per MAC \(ratio(b.instructions, b.report.totalMACs))\n"
            + "flash \(g(b.size.flashBytes)) B (text \(g(b.size.text)), data \(g(b.size.data))), bss \(g(b.size.bss)) B, arena \(g(b.report.arenaBytes)) B\n"
    }
}
