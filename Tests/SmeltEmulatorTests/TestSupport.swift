import Testing
import SmeltIR
import SmeltEmulator

/// Builds a graph with one node `op` reading input "x" (of `shape`) and then `constants`
/// (in order), writing "y", runs it on `input` and returns (values of "y", shape of "y").
func runOneNode(_ op: Op, input: [Float], shape: [Int], constants: [Tensor] = []) throws -> (values: [Float], shape: [Int]) {
    let g = Graph(
        name: "one-node",
        tensors: [Tensor(name: "x", shape: shape)] + constants,
        nodes: [Node(name: "n", op: op, inputs: ["x"] + constants.map(\.name), output: "y")],
        inputs: ["x"], outputs: ["y"])
    let interpreter = try FloatInterpreter(graph: g)
    return (try interpreter.run(input), interpreter.graph.tensor("y")!.shape)
}

/// Expects `actual` to match `expected` element by element within `tolerance` (absolute).
func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for i in 0..<min(actual.count, expected.count) {
        #expect(abs(actual[i] - expected[i]) <= tolerance,
                "index \(i): got \(actual[i]), expected \(expected[i])", sourceLocation: sourceLocation)
    }
}

/// 1, 2, …, n as floats.
func ramp(_ n: Int) -> [Float] { (1...n).map(Float.init) }
