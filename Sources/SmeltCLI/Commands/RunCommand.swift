import Foundation
import SmeltEmulator
import SmeltIR

/// `smelt run MODEL --input FILE`: runs the float reference interpreter on every input row.
public struct RunCommand: Command {
    public init() {}
    public let name = "run"
    public let summary = "Run a model on input rows: float reference, or its firmware under QEMU (--target)."
    public let discussion = """
        INPUT FORMATS (recognised from the content):
          CSV   one sample per line, comma-separated; an optional header line (no numeric field)
                is skipped. Example for a model whose input has 2 elements:  x0,x1 / 0.5,1.25 / -1,3
          JSON  an array of rows [[0.5, 1.25], [-1, 3]] or an object {"inputs": [[0.5, 1.25], [-1, 3]]}
          Every row must have exactly as many values as the model's input has elements (its shape
          flattened in row-major order, e.g. 64 for [8, 8, 1]); values must be finite numbers.
          '--input -' reads standard input.

        OUTPUT: one row per sample, the output tensor flattened, in input order.
          csv   (default) comma-separated shortest round-trip floats, no header:  0.84147096,1
          json  {"outputs": [[0.84147096, 1], ...]}

        The model must have one input and one output.

        ON A TARGET (--target BOARD): the model is compiled and built as 'smelt build' does and run
        under qemu-system-arm; the rows are quantized with the model's input parameters and the
        output integers dequantized (--raw prints the integers). MODEL may also be an ELF from
        'smelt build': then the rows are integers (int8, or --io int16) and so is the output. A
        fault, lockup or timeout on the target is reported as an error (exit 1), never as output.
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json, .onnx, .tflite); with --target also an .elf")],
        options: [
            .value("input", short: "i", valueName: "FILE", help: "input rows, CSV or JSON ('-' for stdin)", required: true),
            .value("output", short: "o", valueName: "FILE", help: "write outputs to FILE instead of stdout"),
            .value("format", valueName: "csv|json", help: "output format (default csv)"),
            .value("target", short: "t", valueName: "BOARD", help: "run the compiled model on this board under QEMU"),
        ] + CompileCommand.quantizationOptions + [
            .value("optimize", valueName: "speed|size", help: "with --target: -O2 or -Os (default: size on Cortex-M0)"),
            .value("io", valueName: "int8|int16", help: "with an ELF: its input/output type (default int8)"),
            .value("timeout", valueName: "SECONDS", help: "with --target: stop QEMU after this long (default 60)"),
            .flag("raw", help: "with --target: print output integers, not dequantized values"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        if arguments.value("target") != nil { return try TargetRun.run(arguments, console: console) }
        let targetOnly = ["calibrate", "activations", "scheme", "percentile", "optimize", "io", "timeout"]
        if let o = targetOnly.first(where: { arguments.value($0) != nil }) ?? (arguments.flag("raw") ? "raw" : nil) {
            throw UsageError("--\(o) applies only with --target BOARD")
        }
        let format = try arguments.choice("format", of: ["csv", "json"], default: "csv")
        guard let modelPath = arguments.positional("MODEL"), let inputPath = arguments.value("input") else {
            throw UsageError("missing MODEL or --input")
        }
        let graph = try ModelLoader.load(path: modelPath)
        guard graph.inputs.count == 1, graph.outputs.count == 1, let input = graph.tensor(graph.inputs[0]) else {
            throw SmeltError("\(modelPath): run needs a model with one input and one output, this one has \(graph.inputs.count) and \(graph.outputs.count)")
        }
        let interpreter: FloatInterpreter
        do {
            interpreter = try FloatInterpreter(graph: graph)
        } catch let e as SmeltError {
            throw e.inFile(modelPath)
        }
        let rows = try InputRows.load(path: inputPath, width: input.elementCount)
        var outputs: [[Float]] = []
        outputs.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            let y: [Float]
            do {
                y = try interpreter.run(row)
            } catch let e as SmeltError {
                throw SmeltError("\(inputPath): row \(k + 1): \(e.message)")
            }
            if let j = y.firstIndex(where: { !$0.isFinite }) {
                throw SmeltError("\(inputPath): row \(k + 1): output \"\(graph.outputs[0])\" element \(j) is \(y[j]) (not finite)")
            }
            outputs.append(y)
        }
        let text = format == "json" ? Self.json(outputs) : Self.csv(outputs)
        try Self.deliver(text, arguments: arguments, console: console)
        return 0
    }

    /// Writes `text` to `--output FILE` (atomically) when given, else to standard output.
    static func deliver(_ text: String, arguments: ParsedArguments, console: Console) throws {
        if let outPath = arguments.value("output") {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: outPath), options: .atomic)
            } catch {
                throw SmeltError("\(outPath): cannot write the output file")
            }
        } else {
            console.write(text)
        }
    }

    /// One line per row: `0.84147096,1`.
    static func csv(_ rows: [[Float]]) -> String {
        rows.map { $0.map(NumberFormat.shortest).joined(separator: ",") + "\n" }.joined()
    }

    /// `{"outputs": [[...], ...]}` with one row per line.
    static func json(_ rows: [[Float]]) -> String {
        let body = rows.map { "    [" + $0.map(NumberFormat.shortest).joined(separator: ", ") + "]" }
        return "{\n  \"outputs\": [\n" + body.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
