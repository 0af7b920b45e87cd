import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Conv2D and DepthwiseConv2D backward")
struct ConvGradientTests {
    /// (input H, W, kernel, strideH, strideW, padding, activation)
    static let cases: [(Int, Int, Int, Int, Int, Padding, Activation)] = [
        (5, 5, 3, 1, 1, .same, .none),
        (5, 6, 3, 2, 2, .same, .relu),   // same with odd and even padding splits
        (6, 5, 3, 2, 1, .valid, .none),
        (4, 4, 2, 1, 1, .valid, .relu6),
        (7, 7, 3, 3, 3, .same, .none),
    ]

    @Test("Conv2D finite differences (strides, same/valid, fused activations)", arguments: cases)
    func conv2d(h: Int, w: Int, k: Int, sh: Int, sw: Int, padding: Padding, activation: Activation) throws {
        var b = RandomGraph(seed: 21)
        let x = b.input("x", [h, w, 2])
        let y = b.node("conv", .conv2d(ConvAttributes(strideH: sh, strideW: sw, padding: padding, activation: activation)),
                       [x, b.constant("w", [3, k, k, 2]), b.constant("b", [3], offset: activation == .relu6 ? 2 : 0)])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y), inputScale: activation == .relu6 ? 2 : 1)
        #expect(r.checked == h * w * 2 + 3 * k * k * 2 + 3)
        #expect(r.nonZero > r.checked / 3)
        #expect(r.maxError < 1e-6)
    }

    @Test("DepthwiseConv2D finite differences (strides, same/valid, fused activations)", arguments: cases)
    func depthwise(h: Int, w: Int, k: Int, sh: Int, sw: Int, padding: Padding, activation: Activation) throws {
        var b = RandomGraph(seed: 22)
        let x = b.input("x", [h, w, 3])
        let y = b.node("dw", .depthwiseConv2d(ConvAttributes(strideH: sh, strideW: sw, padding: padding, activation: activation)),
                       [x, b.constant("w", [1, k, k, 3]), b.constant("b", [3], offset: activation == .relu6 ? 2 : 0)])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y), inputScale: activation == .relu6 ? 2 : 1)
        #expect(r.checked == h * w * 3 + k * k * 3 + 3)
        #expect(r.nonZero > r.checked / 3)
        #expect(r.maxError < 1e-6)
    }

    @Test("Conv2D without bias")
    func convNoBias() throws {
        var b = RandomGraph(seed: 23)
        let x = b.input("x", [4, 4, 1])
        let y = b.node("conv", .conv2d(ConvAttributes(stride: 1, padding: .same)), [x, b.constant("w", [2, 3, 3, 1])])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == 16 + 18)
        #expect(r.maxError < 1e-6)
    }

    @Test("1×1 conv hand example: x 2, W 3, b 1 → y 7; dy 1 → ∂x 3, ∂W 2, ∂b 1")
    func handExample() throws {
        let g = Graph(name: "c", tensors: [Tensor(name: "x", shape: [1, 1, 1]), .constant("w", shape: [1, 1, 1, 1], values: [3]),
                                           .constant("b", shape: [1], values: [1]), Tensor(name: "y", shape: [])],
                      nodes: [Node(name: "conv", op: .conv2d(ConvAttributes()), inputs: ["x", "w", "b"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let net = try DifferentiableGraph(graph: g)
        #expect(try net.forward(inputs: ["x": [2]])["y"] == [7])
        let grads = try net.gradients(inputs: ["x": [2]], seeds: ["y": [1]], withRespectTo: ["x", "w", "b"])
        #expect(grads["x"] == [3] && grads["w"] == [2] && grads["b"] == [1])
    }
}
