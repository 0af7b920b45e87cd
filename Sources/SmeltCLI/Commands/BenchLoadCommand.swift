import Foundation
import SmeltIR

/// `smelt bench-load [--parameters N]`: how fast a large model file loads.
public struct BenchLoadCommand: Command {
    public init() {}
    public let name = "bench-load"
    public let summary = "Time writing and loading a generated model of N parameters (default 300000)."
    public let signature = CommandSignature(
        options: [.value("parameters", valueName: "N", help: "parameters of the generated model (default 300000)")]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        _ = try arguments.integer("parameters", in: 1...100_000_000)
        throw SmeltError("bench-load: waiting for ModelLoadBenchmark")
    }
}
