import Foundation
import SmeltIR

/// `smelt bench-load [--parameters N]`: how fast a large model file loads.
public struct BenchLoadCommand: Command {
    public init() {}
    public let name = "bench-load"
    public let summary = "Time loading a generated model of N parameters (default 300000), base64 vs sidecar."
    public let discussion = """
        Builds a Dense 32→h→h→10 model of about N parameters, writes it once with weights inlined as
        base64 and once with a binary sidecar, loads each file --iterations times and prints sizes
        and mean/min load times. The loaded graph is checked against the one written.
        """
    public let signature = CommandSignature(
        options: [
            .value("parameters", valueName: "N", help: "parameters of the generated model (default 300000)"),
            .value("iterations", valueName: "K", help: "loads per file (default 10)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let parameters = try arguments.integer("parameters", in: 100...50_000_000) ?? 300_000
        let iterations = try arguments.integer("iterations", in: 1...1000) ?? 10
        console.line(try ModelLoadBenchmark.run(parameters: parameters, iterations: iterations))
        return 0
    }
}
