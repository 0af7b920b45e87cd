import Foundation
import SmeltIR

/// `smelt inspect MODEL [--json]`: per-layer table of shapes, parameters, MACs and activation bytes.
public struct InspectCommand: Command {
    public init() {}
    public let name = "inspect"
    public let summary = "Show a model's layers: output shapes, parameters, MACs, activation bytes."
    public let discussion = """
        The model is loaded and verified first; any error names the file and the node at fault.
        Parameters of a tensor shared by several layers are counted once in the totals.
        MACs: Dense in·out, Conv2D oh·ow·cout·kh·kw·cin, DepthwiseConv2D oh·ow·c·kh·kw, others 0.
        "act bytes" is the size of each layer's output tensor.
        With --json the same figures are printed as one JSON object (see docs/cli.md).
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json, .onnx or .tflite)")],
        options: [.flag("json", help: "print machine-readable JSON instead of a table")]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let path = arguments.positional("MODEL") else { throw UsageError("missing argument MODEL") }
        let report = InspectReport(graph: try ModelLoader.load(path: path))
        console.write(arguments.flag("json") ? report.json : report.text)
        return 0
    }
}
