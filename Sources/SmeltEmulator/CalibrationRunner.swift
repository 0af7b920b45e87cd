import SmeltIR
import SmeltQuant

extension Calibration {
    /// Calibrates with the float reference: runs `FloatInterpreter(graph:)` over `samples` and
    /// records each activation's range (see `Calibration.collect(graph:samples:method:evaluate:)`).
    public static func collect(graph: Graph, samples: [[Float]], method: CalibrationMethod = .minMax) throws -> Calibration {
        let interpreter = try FloatInterpreter(graph: graph)
        return try collect(graph: graph, samples: samples, method: method, evaluate: interpreter.runAll(inputs:))
    }
}
