import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Dense backward")
struct DenseGradientTests {
    @Test("finite differences, every fused activation and without bias",
          arguments: [(Activation.none, true), (.relu, true), (.relu6, true), (.none, false)])
    func finiteDifferences(activation: Activation, bias: Bool) throws {
        var b = RandomGraph(seed: 11)
        let x = b.input("x", [5])
        let w = b.constant("w", [4, 5], scale: activation == .relu6 ? 1 : 2)
        let inputs = bias ? [x, w, b.constant("b", [4], offset: 1)] : [x, w]
        let y = b.node("fc", .dense(activation: activation), inputs)
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y), inputScale: activation == .relu6 ? 1.5 : 2)
        #expect(r.checked == 5 + 20 + (bias ? 4 : 0))
        #expect(r.nonZero > r.checked / 3)
        #expect(r.maxError < 1e-6)
    }

    @Test("hand-computed example from the doc comment")
    func handExample() throws {
        let g = Graph(name: "d", tensors: [Tensor(name: "x", shape: [2]), .constant("w", shape: [1, 2], values: [1, 2]),
                                           .constant("b", shape: [1], values: [0.5]), Tensor(name: "y", shape: [1])],
                      nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w", "b"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let net = try DifferentiableGraph(graph: g)
        #expect(try net.forward(inputs: ["x": [3, -1]])["y"] == [1.5])
        let grads = try net.gradients(inputs: ["x": [3, -1]], seeds: ["y": [2]], withRespectTo: ["x", "w", "b"])
        #expect(grads["x"] == [2, 4])
        #expect(grads["w"] == [6, -2])
        #expect(grads["b"] == [2])
    }
}
