import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Tied weights")
struct TiedWeightTests {
    /// x → Dense(W, relu) → Dense(W) → y, with W shared (`tied`) or as two equal copies.
    static func graph(tied: Bool) -> Graph {
        var rng = SeededGenerator(seed: 71)
        let w = (0..<9).map { _ in Float(rng.normal()) }
        let second = tied ? "W" : "W2"
        var tensors: [Tensor] = [Tensor(name: "x", shape: [3]), .constant("W", shape: [3, 3], values: w),
                                 Tensor(name: "h", shape: [3]), Tensor(name: "y", shape: [3])]
        if !tied { tensors.append(.constant("W2", shape: [3, 3], values: w)) }
        return Graph(name: "tied", tensors: tensors,
                     nodes: [Node(name: "l1", op: .dense(activation: .relu), inputs: ["x", "W"], output: "h"),
                              Node(name: "l2", op: .dense(activation: .none), inputs: ["h", second], output: "y")],
                     inputs: ["x"], outputs: ["y"])
    }

    static let sample = Sample(input: [0.7, -0.4, 1.1], values: [0.5, -1, 0.25])

    @Test("the shared tensor's gradient is the sum of each use's gradient")
    func sumOfUses() throws {
        let tied = try Trainer(graph: Self.graph(tied: true), loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1)).gradients(Self.sample)
        let untied = try Trainer(graph: Self.graph(tied: false), loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1)).gradients(Self.sample)
        let (g1, g2, g) = (untied.gradients["W"]!, untied.gradients["W2"]!, tied.gradients["W"]!)
        #expect(g1.contains { $0 != 0 } && g2.contains { $0 != 0 })
        for i in 0..<9 { #expect(abs(g[i] - (g1[i] + g2[i])) < 1e-12) }
        #expect(abs(tied.loss - untied.loss) < 1e-15)
        // And the summed gradient is the true one (finite differences on the tied graph).
        let check = try GradientCheck.run(Self.graph(tied: true))
        #expect(check.maxError < 1e-6)
    }

    @Test("the optimizer updates a shared tensor once, with the summed gradient")
    func updatedOnce() throws {
        let g = Self.graph(tied: true)
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1), shuffle: false)
        #expect(trainer.trainable == ["W"])
        let before = trainer.net.value(of: "W")!
        let grad = try trainer.gradients(Self.sample).gradients["W"]!
        _ = try trainer.trainEpoch(samples: [Self.sample])
        let after = trainer.net.value(of: "W")!
        for i in 0..<9 { #expect(after[i] == before[i] - 0.1 * grad[i]) }
        #expect(trainer.graph.tensors.filter(\.isConstant).count == 1)
    }
}
