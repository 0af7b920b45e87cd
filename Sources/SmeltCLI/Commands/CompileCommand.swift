import Foundation
import SmeltIR
import SmeltQuant

/// `smelt compile MODEL --calibrate DATA.csv -o OUT/`: quantizes a model and writes fixed-point C.
public struct CompileCommand: Command {
    public init() {}
    public let name = "compile"
    public let summary = "Quantize a model and generate fixed-point C (OUT/NAME.h, OUT/NAME.c)."
    public let discussion = """
        STEPS: load (.json, .onnx, .tflite) → verify → fold BatchNorm, fuse ReLU/ReLU6 → calibrate on
        DATA.csv with the float interpreter → quantize → generate C. A model that is already quantized
        (int8 TFLite, quantized ONNX or JSON) skips calibration and quantization; float
        Quantize/Dequantize nodes at its edges are dropped, so the C takes and returns integers.

        CALIBRATION DATA: CSV, an optional header line, then one sample per row with exactly as many
        values as the model input has elements (flattened row-major, e.g. 64 for [8, 8, 1]). Every
        value must be a finite number. Bad data is reported with file, line and column, and nothing
        is written. A model with several inputs takes one row per sample holding every input's
        elements in the model's input order (inputs a [2] and b [3]: a0,a1,b0,b1,b2); its C entry
        point is NAME_invoke_inputs (docs/contracts.md, "Several inputs").

        SCHEMES:
          int8   (default) TFLite int8: activations int8 asymmetric per tensor, weights int8 per channel, int32 bias
          int16  --activations int16: int16 symmetric activations, int8 weights, int64 bias
          pow2   --scheme pow2: power-of-two scales (Qm.n), shift-only requantization

        OUTPUT: OUT/NAME.h and OUT/NAME.c (or only OUT/NAME.h with --single-header; define
        SMELT_NAME_IMPLEMENTATION in one .c file), and OUT/NAME.model.jsonld, the model's catalog
        description (docs/catalog.md; sensors from --sensor KIND=UNIT or the model's metadata).
        The files are written into a temporary folder next to OUT and moved into place only when
        complete. The compile report is printed: per layer MACs,
        weight bytes, activation bytes and arena offset; totals for flash (constants) and RAM (arena).

        ON-DEVICE LEARNING: --trainable fc (comma-separated Dense node names: the last layers, up
        to the output) keeps those layers in RAM and adds NAME_learn(input, label) (or
        NAME_learn_target for a model without a final Softmax): one SGD step on the frozen int8
        backbone's features, float32 (--learn-arithmetic float32, cores with an FPU) or int32 Q7.24
        fixed point (fixed, cores without). The header's NAME_LEARN_RAM_BYTES is the step's extra
        RAM, also printed here. See docs/contracts.md, "On-device learning".

        EXAMPLE:
          smelt compile Examples/digits/digits.json --calibrate Examples/digits/calibration.csv -o out/
          smelt compile Examples/digits/digits.json --calibrate Examples/digits/calibration.csv -o out/ \\
              --trainable fc --learn-arithmetic fixed
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json, .onnx or .tflite)")],
        options: CompileCommand.quantizationOptions + [
            .value("output", short: "o", valueName: "OUT", help: "output folder", required: true),
            .value("name", valueName: "NAME", help: "C name of the model (default: the model file's base name)"),
            .flag("single-header", help: "write one header holding the implementation"),
            .flag("specialize", help: "shape-specialized loops per layer instead of shared kernels + params structs"),
            .flag("quiet", short: "q", help: "do not print the compile report"),
        ] + CompileCommand.learnOptions + CatalogDescribe.compileOptions
    )

    /// Quantization options shared by every command that quantizes a model (`compile`, `diff`, `build`, `bench`).
    static let quantizationOptions: [CommandSignature.Option] = [
        .value("calibrate", short: "c", valueName: "DATA.csv", help: "calibration samples (needed for a float model)"),
        .value("activations", valueName: "int8|int16", help: "activation type (default int8)"),
        .value("scheme", valueName: "int8|int16|pow2", help: "quantization scheme (default int8)"),
        .value("percentile", valueName: "P", help: "percentile calibration, P in (50, 100] (default: min/max)"),
    ]

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let modelPath = arguments.positional("MODEL"), let out = arguments.value("output") else {
            throw UsageError("missing MODEL or --output")
        }
        let options = try Self.compileOptions(arguments)
        var model = try CompilePipeline(options: options).run(modelPath: modelPath)
        model.extraFiles.append(try CatalogDescribe.descriptionFile(for: model, arguments))   // docs/catalog.md
        let written = try OutputFolder.write(model.files, to: URL(fileURLWithPath: out))
        if !arguments.flag("quiet") {
            let scheme = model.quantized.metadata["quantization"] ?? options.scheme.rawValue
            let how = model.calibration.map { "calibrated on \($0.sampleCount) samples (\(Self.describe($0.method)))" }
                ?? "already quantized"
            console.line("\(modelPath): \(model.quantized.nodes.count) layer\(model.quantized.nodes.count == 1 ? "" : "s"), \(scheme), \(how)")
            console.line()
            console.write(CompileReportTable.render(model.generated.report))
            for line in CodeBytes.reportLines(model.generated, specialized: options.emit.specialize) { console.line(line) }
            console.line()
        }
        if let step = model.generated.learnStep { console.line(step.summary) }
        console.line("wrote " + written.map { Self.display($0, under: out) }.joined(separator: ", "))
        return 0
    }

    /// `OUT/digits.h` as the user spelled OUT.
    static func display(_ url: URL, under out: String) -> String {
        (out.hasSuffix("/") ? out : out + "/") + url.lastPathComponent
    }

    static func describe(_ m: CalibrationMethod) -> String {
        switch m {
        case .minMax: return "min/max"
        case .percentile(let p): return "percentile \(p)"
        }
    }

    /// Reads the shared compile options; conflicting or malformed values are usage errors.
    static func compileOptions(_ arguments: ParsedArguments) throws -> CompileOptions {
        var o = CompileOptions()
        o.calibrationPath = arguments.value("calibrate")
        o.name = arguments.value("name")
        if let n = o.name, n.isEmpty { throw UsageError("--name must not be empty") }
        let scheme = try arguments.choice("scheme", of: ["int8", "int16", "pow2"], default: "int8")
        let activations = try arguments.choice("activations", of: ["int8", "int16"], default: scheme == "int16" ? "int16" : "int8")
        if scheme == "pow2" && activations == "int16" {
            throw UsageError("--scheme pow2 has int8 activations; it cannot be combined with --activations int16")
        }
        if scheme == "int16" && activations == "int8" && arguments.value("activations") != nil {
            throw UsageError("--scheme int16 has int16 activations; it cannot be combined with --activations int8")
        }
        o.scheme = scheme == "pow2" ? .pow2 : (activations == "int16" ? .int16 : .int8)
        if let p = arguments.value("percentile") {
            guard let v = Double(p), v > 50, v <= 100 else {
                throw UsageError("--percentile must be a number in (50, 100], got '\(p)'")
            }
            o.percentile = v
        }
        o.emit.singleHeader = arguments.flag("single-header")   // false for commands without the flag
        o.emit.specialize = arguments.flag("specialize")
        try Self.readLearnOptions(arguments, into: &o.emit)
        return o
    }
}
