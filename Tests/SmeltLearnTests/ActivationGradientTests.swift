import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Activation and Softmax backward")
struct ActivationGradientTests {
    @Test("finite differences", arguments: ["relu", "relu6", "sigmoid", "tanh", "softmax"])
    func finiteDifferences(name: String) throws {
        let op: Op = ["relu": .relu, "relu6": .relu6, "sigmoid": .sigmoid, "tanh": .tanh, "softmax": .softmax][name]!
        var b = RandomGraph(seed: 41)
        let x = b.input("x", [3, 2, 4])  // softmax: 6 rows of 4
        let y = b.node(name, op, [x])
        // Scale 4 puts ReLU6 inputs on both sides of 0 and beyond 6.
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y), inputScale: name == "relu6" ? 4 : 1.5)
        #expect(r.checked == 24)
        #expect(r.nonZero >= 6)
        #expect(r.maxError < 1e-6)
    }

    @Test("hand-computed values: sigmoid'(0) = 0.25, softmax([0, 0]) with dy [1, 0] → [0.25, −0.25]")
    func handValues() throws {
        for (op, dy, expected) in [(Op.sigmoid, [1.0], [0.25]), (.softmax, [1, 0], [0.25, -0.25]), (.tanh, [2], [2])] {
            let n = dy.count
            let g = Graph(name: "a", tensors: [Tensor(name: "x", shape: [n]), Tensor(name: "y", shape: [])],
                          nodes: [Node(name: "a", op: op, inputs: ["x"], output: "y")], inputs: ["x"], outputs: ["y"])
            let grads = try DifferentiableGraph(graph: g).gradients(inputs: ["x": [Double](repeating: 0, count: n)],
                                                                    seeds: ["y": dy], withRespectTo: ["x"])
            #expect(grads["x"] == expected)
        }
    }
}
