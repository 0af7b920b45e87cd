import SmeltIR
import Testing
@testable import SmeltLearn

/// Training through a channel scale (docs/kernel-sharing.md): a kernel shared by two layers, each
/// with its own scale (one negative) and bias, as after folding BatchNorm into a shared group.
@Suite("Channel scale gradients")
struct ChannelScaleGradientTests {
    /// x [3] → l1: Dense(W, b1, k1, relu) → l2: Dense(W, b2, k2) → y [3]; W shared.
    static func denseGraph() -> Graph {
        var rng = SeededGenerator(seed: 5)
        let w = (0..<9).map { _ in Float(rng.normal()) }
        return Graph(name: "scaled", tensors: [
            Tensor(name: "x", shape: [3]), .constant("W", shape: [3, 3], values: w),
            .constant("b1", shape: [3], values: [0.1, -0.2, 0.3]), .constant("k1", shape: [3], values: [1.5, -0.5, 0.8]),
            .constant("b2", shape: [3], values: [0, 0.1, -0.1]), .constant("k2", shape: [3], values: [-1.2, 0.7, 2]),
        ], nodes: [
            Node(name: "l1", op: .dense(activation: .relu), inputs: ["x", "W", "b1", "k1"], output: "h"),
            Node(name: "l2", op: .dense(activation: .none), inputs: ["h", "W", "b2", "k2"], output: "y"),
        ], inputs: ["x"], outputs: ["y"])
    }

    /// x 4×4×2 → depthwise 3×3 same (D, bd, kd, relu) → conv 1×1 (C, bc, kc) → y.
    static func convGraph() -> Graph {
        var rng = SeededGenerator(seed: 6)
        func r(_ n: Int) -> [Float] { (0..<n).map { _ in Float(rng.normal()) * 0.5 } }
        return Graph(name: "scaled-conv", tensors: [
            Tensor(name: "x", shape: [4, 4, 2]), .constant("D", shape: [1, 3, 3, 2], values: r(18)),
            .constant("bd", shape: [2], values: r(2)), .constant("kd", shape: [2], values: [-0.9, 1.3]),
            .constant("C", shape: [2, 1, 1, 2], values: r(4)), .constant("bc", shape: [2], values: r(2)),
            .constant("kc", shape: [2], values: [0.6, -1.1]),
        ], nodes: [
            Node(name: "dw", op: .depthwiseConv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu)),
                 inputs: ["x", "D", "bd", "kd"], output: "h"),
            Node(name: "pw", op: .conv2d(ConvAttributes(stride: 1)), inputs: ["h", "C", "bc", "kc"], output: "y"),
        ], inputs: ["x"], outputs: ["y"])
    }

    @Test("finite differences agree with backprop through scales, biases and the shared kernel")
    func gradientCheck() throws {
        #expect(try GradientCheck.run(Self.denseGraph()).maxError < 1e-6)
        #expect(try GradientCheck.run(Self.convGraph()).maxError < 1e-6)
    }

    @Test("the forward pass equals the float interpreter's")
    func forwardMatchesInterpreter() throws {
        let g = Self.denseGraph()
        let trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1))
        #expect(trainer.trainable == ["W", "b1", "k1", "b2", "k2"])
        let x: [Float] = [0.4, -1.1, 0.7]
        let y = trainer.predict(x)
        // By hand: h = relu(k1 ⊙ (W x) + b1), y = k2 ⊙ (W h) + b2.
        let w = g.tensor("W")!.data!.floats!.map(Double.init)
        func mv(_ v: [Double]) -> [Double] { (0..<3).map { o in (0..<3).reduce(0) { $0 + w[o * 3 + $1] * v[$1] } } }
        let k1 = [1.5, -0.5, 0.8], b1 = [0.1, -0.2, 0.3], k2 = [-1.2, 0.7, 2], b2 = [0, 0.1, -0.1]
        let h = zip(zip(k1, mv(x.map(Double.init))), b1).map { max(0, $0.0 * $0.1 + $1) }
        let expected = zip(zip(k2, mv(h)), b2).map { $0.0 * $0.1 + $1 }
        for (a, b) in zip(y, expected) { #expect(abs(a - Double(Float(b))) < 1e-5) }
    }
}
