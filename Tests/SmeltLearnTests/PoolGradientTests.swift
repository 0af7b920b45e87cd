import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Pooling backward")
struct PoolGradientTests {
    static let cases: [(Int, Int, Int, Int, Padding)] = [
        (4, 4, 2, 2, .valid), (5, 5, 2, 2, .same), (5, 4, 3, 2, .same), (6, 6, 3, 1, .valid),
    ]

    @Test("MaxPool2D finite differences", arguments: cases)
    func maxPool(h: Int, w: Int, size: Int, stride: Int, padding: Padding) throws {
        var b = RandomGraph(seed: 31)
        let x = b.input("x", [h, w, 2])
        let y = b.node("pool", .maxPool2d(PoolAttributes(size: size, stride: stride, padding: padding)), [x])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == h * w * 2)
        #expect(r.nonZero > 0)
        #expect(r.maxError < 1e-6)
    }

    @Test("AveragePool2D finite differences", arguments: cases)
    func averagePool(h: Int, w: Int, size: Int, stride: Int, padding: Padding) throws {
        var b = RandomGraph(seed: 32)
        let x = b.input("x", [h, w, 2])
        let y = b.node("pool", .averagePool2d(PoolAttributes(size: size, stride: stride, padding: padding)), [x])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == h * w * 2)
        #expect(r.nonZero > 0)
        #expect(r.maxError < 1e-6)
    }

    @Test("GlobalAveragePool finite differences")
    func globalAveragePool() throws {
        var b = RandomGraph(seed: 33)
        let x = b.input("x", [3, 4, 5])
        let y = b.node("gap", .globalAveragePool, [x])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == 60 && r.nonZero == 60)
        #expect(r.maxError < 1e-6)
    }

    @Test("max pool sends the whole gradient to the first maximum of a window")
    func maxTies() throws {
        let g = Graph(name: "p", tensors: [Tensor(name: "x", shape: [2, 2, 1]), Tensor(name: "y", shape: [])],
                      nodes: [Node(name: "pool", op: .maxPool2d(PoolAttributes(size: 2)), inputs: ["x"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let grads = try DifferentiableGraph(graph: g).gradients(inputs: ["x": [1, 5, 5, 2]], seeds: ["y": [3]], withRespectTo: ["x"])
        #expect(grads["x"] == [0, 3, 0, 0])
    }

    @Test("a same-padded average window shares its gradient among the inputs it covers only")
    func averagePadding() throws {
        // 3×3 input, 2×2 pool stride 2 same → 2×2 output; the bottom-right window covers input (2, 2) only.
        let g = Graph(name: "p", tensors: [Tensor(name: "x", shape: [3, 3, 1]), Tensor(name: "y", shape: [])],
                      nodes: [Node(name: "pool", op: .averagePool2d(PoolAttributes(size: 2, padding: .same)), inputs: ["x"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let grads = try DifferentiableGraph(graph: g).gradients(inputs: ["x": [Double](repeating: 1, count: 9)],
                                                                seeds: ["y": [4, 0, 0, 2]], withRespectTo: ["x"])
        #expect(grads["x"] == [1, 1, 0, 1, 1, 0, 0, 0, 2])
    }
}
