import Testing
import SmeltIR
import SmeltEmulator

@Suite struct FloatConcatenateTests {
    func concat(_ parts: [(name: String, shape: [Int], values: [Float])]) throws -> (values: [Float], shape: [Int]) {
        let g = Graph(name: "concat",
                      tensors: parts.map { Tensor(name: $0.name, shape: $0.shape) },
                      nodes: [Node(name: "cat", op: .concatenate, inputs: parts.map(\.name), output: "y")],
                      inputs: parts.map(\.name), outputs: ["y"])
        let interpreter = try FloatInterpreter(graph: g)
        let out = try interpreter.run(inputs: Dictionary(uniqueKeysWithValues: parts.map { ($0.name, $0.values) }))
        return (out["y"]!, interpreter.graph.tensor("y")!.shape)
    }

    /// [2, 1] rows [1], [2] with [2, 2] rows [3, 4], [5, 6] → [2, 3] rows [1, 3, 4], [2, 5, 6].
    @Test func lastAxisInterleavesRows() throws {
        let r = try concat([("a", [2, 1], [1, 2]), ("b", [2, 2], [3, 4, 5, 6])])
        #expect(r.shape == [2, 3])
        expectClose(r.values, [1, 3, 4, 2, 5, 6])
    }

    /// Three vectors [1], [2, 3], [4] → [1, 2, 3, 4].
    @Test func threeVectors() throws {
        let r = try concat([("a", [1], [1]), ("b", [2], [2, 3]), ("c", [1], [4])])
        expectClose(r.values, [1, 2, 3, 4])
    }

    /// Channels of [1, 2, 1] (pixels 1, 2) and [1, 2, 2] (pixels (10, 11), (20, 21)) → [1, 2, 3].
    @Test func channelsOfImages() throws {
        let r = try concat([("a", [1, 2, 1], [1, 2]), ("b", [1, 2, 2], [10, 11, 20, 21])])
        #expect(r.shape == [1, 2, 3])
        expectClose(r.values, [1, 10, 11, 2, 20, 21])
    }
}
