import Foundation
import SmeltIR

/// `smelt run MODEL --input FILE`: runs the float reference interpreter on every input row.
public struct RunCommand: Command {
    public init() {}
    public let name = "run"
    public let summary = "Run a model on input rows with the float reference interpreter."
    public let discussion = """
        INPUT FORMATS (recognised from the content):
          CSV   one sample per line, comma-separated; an optional header line (no numeric field)
                is skipped. Example for a model with 2 inputs:  x0,x1 / 0.5,1.25 / -1,3
          JSON  an array of rows [[0.5, 1.25], [-1, 3]] or an object {"inputs": [[0.5, 1.25], [-1, 3]]}
        Every row must have exactly as many values as the model's input has elements (its shape
        flattened in row-major order); values must be finite numbers. '-' reads standard input.

        OUTPUT: one row per sample, the output tensor flattened.
          csv   (default) comma-separated shortest round-trip floats, no header: 0.84147096,1
          json  {"outputs": [[0.84147096, 1], ...]}
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json)")],
        options: [
            .value("input", short: "i", valueName: "FILE", help: "input rows, CSV or JSON ('-' for stdin)", required: true),
            .value("output", short: "o", valueName: "FILE", help: "write outputs to FILE instead of stdout"),
            .value("format", valueName: "csv|json", help: "output format (default csv)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let format = try arguments.choice("format", of: ["csv", "json"], default: "csv")
        guard let modelPath = arguments.positional("MODEL"), let inputPath = arguments.value("input") else { return 2 }
        _ = (format, modelPath, inputPath)
        throw SmeltError("run: waiting for FloatInterpreter")
    }
}
