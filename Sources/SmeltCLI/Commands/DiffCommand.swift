import Foundation
import SmeltEmulator
import SmeltIR
import SmeltQuant

/// `smelt diff MODEL --calibrate DATA --input FILE`: float vs integer, layer by layer.
public struct DiffCommand: Command {
    public init() {}
    public let name = "diff"
    public let summary = "Compare the float model with its quantized version layer by layer."
    public let discussion = """
        The model is quantized as 'smelt compile' would (same options). Every input row is run
        through the float reference interpreter (after BatchNorm folding and activation fusion) and
        through the integer emulator (the input quantized with the input's parameters); each layer's
        integer output is dequantized (real = scale · (q − zero point)) and compared with the float
        output of the same layer, over every element of every row.

        COLUMNS: layer, op, output shape; max |float| (the layer's range on these inputs); the output
        scale (one integer step, in real units); max and mean absolute error in real units; the max
        error in steps of the scale. Errors that grow much faster than the scale show where accuracy
        is lost.

        EXAMPLE:
          smelt diff Examples/digits/digits.json --calibrate Examples/digits/calibration.csv --input Examples/digits/inputs.csv
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "float model file (.json, .onnx or .tflite)")],
        options: CompileCommand.quantizationOptions + [
            .value("input", short: "i", valueName: "FILE", help: "input rows, CSV or JSON (as for 'smelt run')", required: true),
        ]
    )

    /// The error of one layer over all inputs.
    struct LayerError {
        var node: Node
        var shape: [Int]
        var maxMagnitude: Float = 0
        var scale: Float
        var maxError: Float = 0
        var sumError: Double = 0
        var count = 0
        var meanError: Float { count == 0 ? 0 : Float(sumError / Double(count)) }
    }

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let modelPath = arguments.positional("MODEL"), let inputPath = arguments.value("input") else {
            throw UsageError("missing MODEL or --input")
        }
        let pipeline = CompilePipeline(options: try CompileCommand.compileOptions(arguments))
        let (floatGraph, q, _) = try pipeline.quantizedGraph(modelPath: modelPath)
        guard let f = floatGraph else {
            throw SmeltError("\(modelPath): the model is already quantized; diff needs a float model to compare with")
        }
        guard f.inputs.count == 1, let input = f.tensor(f.inputs[0]) else {
            throw SmeltError("\(modelPath): diff needs a model with one input")
        }
        let rows = try InputRows.load(path: inputPath, width: input.elementCount)
        let errors = try Self.compare(float: f, quantized: q, rows: rows, inputPath: inputPath)
        console.line("\(modelPath): \(q.metadata["quantization"] ?? "int8") vs float on \(rows.count) input row\(rows.count == 1 ? "" : "s") (errors in real units)")
        console.line()
        console.write(Self.table(errors))
        return 0
    }

    /// Runs both interpreters on every row and accumulates per-layer errors.
    static func compare(float f: Graph, quantized q: Graph, rows: [[Float]], inputPath: String) throws -> [LayerError] {
        let fi = try FloatInterpreter(graph: f)
        let ii = try IntegerInterpreter(graph: q)
        var errors = try q.nodes.map { n -> LayerError in
            let t = try q.requireTensor(n.output)
            guard let p = t.quant, f.tensor(n.output) != nil else {
                throw SmeltError("node \"\(n.name)\": output \"\(n.output)\" has no float counterpart or no quantization")
            }
            return LayerError(node: n, shape: t.shape, scale: p.scales[0])
        }
        for (k, row) in rows.enumerated() {
            let fv: [String: [Float]], iv: [String: [Int32]]
            do {
                fv = try fi.runAll(inputs: [f.inputs[0]: row])
                iv = try ii.runAll(inputs: [q.inputs[0]: try q.quantizeInput(row)])
            } catch let e as SmeltError {
                throw SmeltError("\(inputPath): row \(k + 1): \(e.message)")
            }
            for i in errors.indices {
                let name = errors[i].node.output
                guard let real = fv[name], let ints = iv[name], let p = q.tensor(name)?.quant else { continue }
                let s = p.scales[0], zp = p.zeroPoints[0]
                for (a, b) in zip(real, ints) {
                    let e = abs(a - s * Float(b - zp))
                    errors[i].maxError = max(errors[i].maxError, e)
                    errors[i].maxMagnitude = max(errors[i].maxMagnitude, abs(a))
                    errors[i].sumError += Double(e)
                    errors[i].count += 1
                }
            }
        }
        return errors
    }

    static func table(_ errors: [LayerError]) -> String {
        var t = TextTable(headers: ["#", "layer", "op", "output", "max |float|", "scale", "max |error|", "mean |error|", "max error / scale"],
                          alignments: [.right, .left, .left, .left, .right, .right, .right, .right, .right])
        for (i, e) in errors.enumerated() {
            t.add([String(i), e.node.name, e.node.op.kind.rawValue, NumberFormat.shape(e.shape), fmt(e.maxMagnitude), fmt(e.scale),
                   fmt(e.maxError), fmt(e.meanError), String(format: "%.2f", e.scale > 0 ? e.maxError / e.scale : 0)])
        }
        return t.render()
    }

    /// Four significant digits: `0.003922`, `12.5`, `1.2e-05`.
    static func fmt(_ x: Float) -> String { String(format: "%.4g", Double(x)) }
}
