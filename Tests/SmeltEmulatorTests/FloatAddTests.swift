import Testing
import SmeltIR
import SmeltEmulator

@Suite struct FloatAddTests {
    func add(_ act: Activation, _ a: [Float], _ b: [Float]) throws -> [Float] {
        let g = Graph(name: "add",
                      tensors: [Tensor(name: "a", shape: [3]), Tensor(name: "b", shape: [3])],
                      nodes: [Node(name: "add", op: .add(activation: act), inputs: ["a", "b"], output: "y")],
                      inputs: ["a", "b"], outputs: ["y"])
        return try FloatInterpreter(graph: g).run(inputs: ["a": a, "b": b])["y"]!
    }

    /// [1, −2, 3] + [0.5, 0.5, 4] = [1.5, −1.5, 7]; ReLU → [1.5, 0, 7]; ReLU6 → [1.5, 0, 6].
    @Test(arguments: [(Activation.none, [Float](arrayLiteral: 1.5, -1.5, 7)), (.relu, [1.5, 0, 7]), (.relu6, [1.5, 0, 6])])
    func fusedActivation(_ act: Activation, _ expected: [Float]) throws {
        expectClose(try add(act, [1, -2, 3], [0.5, 0.5, 4]), expected)
    }

    /// Adding a tensor to itself (both operands the same name) doubles it.
    @Test func sameOperandTwice() throws {
        let g = Graph(name: "double", tensors: [Tensor(name: "x", shape: [2])],
                      nodes: [Node(name: "add", op: .add(activation: .none), inputs: ["x", "x"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        expectClose(try FloatInterpreter(graph: g).run([1.5, -4]), [3, -8])
    }
}
