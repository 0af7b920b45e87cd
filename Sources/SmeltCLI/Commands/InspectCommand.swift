import Foundation
import SmeltIR

/// `smelt inspect MODEL [--json]`: per-layer table of shapes, parameters, MACs and activation bytes.
public struct InspectCommand: Command {
    public init() {}
    public let name = "inspect"
    public let summary = "Show a model's layers: output shapes, parameters, MACs, activation bytes."
    public let discussion = """
        Parameters of a tensor shared by several layers are counted once in the totals.
        With --json the same figures are printed as one JSON object (see docs/cli.md).
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json)")],
        options: [.flag("json", help: "print machine-readable JSON instead of a table")]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        throw SmeltError("inspect: waiting for ModelFile")
    }
}
