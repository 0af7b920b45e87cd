import Foundation
import SmeltIR

/// `smelt import MODEL.onnx|MODEL.tflite -o OUT.json`: converts an ONNX or TFLite model to Smelt's
/// model JSON (docs/model-format.md) with Smelt's own readers.
public struct ImportCommand: Command {
    public init() {}
    public let name = "import"
    public let summary = "Convert an ONNX or TFLite model to Smelt's model JSON."
    public let discussion = """
        The model is read with Smelt's own protobuf (ONNX) or flatbuffers (TFLite) reader, converted
        (NCHW → NHWC, weight layouts, BatchNorm kept, QDQ scales kept on the tensors; TFLite keeps the
        file's int8 tensors and quantization parameters, its SOFTMAX and MEAN marked "semantics":
        "tflm") and verified, then written as JSON. Supported ops and limits: docs/importers.md.
        An unsupported op is an error naming the op and the node and listing the supported ops.

        OUTPUT: OUT.json with the weights inline (base64), or with --sidecar next to it in
        OUT.bin. Each file is written to a temporary name and renamed when complete.

        EXAMPLE:
          smelt import Tests/Fixtures/tflite/cnn.tflite -o cnn.json
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.onnx or .tflite)")],
        options: [
            .value("output", short: "o", valueName: "OUT.json", help: "the Smelt model file to write", required: true),
            .flag("sidecar", help: "store weights in OUT.bin next to OUT.json instead of inline"),
            .flag("quiet", short: "q", help: "print nothing on success"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let path = arguments.positional("MODEL"), let out = arguments.value("output") else {
            throw UsageError("missing MODEL or --output")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard ext == "onnx" || ext == "tflite" else {
            throw UsageError("\(path): import reads .onnx or .tflite files (a .json model needs no import)")
        }
        guard (out as NSString).pathExtension.lowercased() == "json" else {
            throw UsageError("\(out): the output file must end in .json")
        }
        let graph = try ModelLoader.load(path: path)
        let sidecar = arguments.flag("sidecar")
        try ModelFile.write(graph, to: out, sidecar: sidecar)   // each file written to a temporary name, then renamed
        if !arguments.flag("quiet") {
            let quantized = graph.nodes.contains { n in graph.tensor(n.output).map { $0.dtype != .float32 } ?? false }
            let params = graph.tensors.filter { $0.data != nil }.reduce(0) { $0 + $1.elementCount }
            console.line("\(path): \(graph.nodes.count) node\(graph.nodes.count == 1 ? "" : "s"), \(params) parameters, "
                + (quantized ? "quantized" : "float"))
            console.line("wrote \(out)" + (sidecar ? " and \((out as NSString).deletingPathExtension).bin" : ""))
        }
        return 0
    }
}
