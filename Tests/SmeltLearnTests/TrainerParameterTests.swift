import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Trainer parameters")
struct TrainerParameterTests {
    @Test("parameters read and write in Double; only trainable tensors; BatchNorm statistics excluded by default")
    func parameters() throws {
        var b = RandomGraph(seed: 101)
        let x = b.input("x", [2, 2, 3])
        let bn = b.node("bn", .batchNorm(epsilon: 1e-3), [x, b.constant("g", [3], offset: 1), b.constant("be", [3]),
                                                          b.constant("m", [3]), b.constant("v", [3], scale: 0.1, offset: 1)])
        let gap = b.node("gap", .globalAveragePool, [bn])
        let y = b.node("fc", .dense(activation: .none), [gap, b.constant("w", [2, 3])])
        var trainer = try Trainer(graph: b.graph(inputs: [x], output: y), loss: .softmaxCrossEntropy, optimizer: .sgd(learningRate: 0.1))
        #expect(trainer.trainable == ["g", "be", "w"])
        #expect(trainer.parameter("m") == nil)
        try trainer.setParameter("w", to: [1, 2, 3, 4, 5, 6])
        #expect(trainer.parameter("w") == [1, 2, 3, 4, 5, 6])
        #expect(trainer.graph.tensor("w")!.data == .float32([1, 2, 3, 4, 5, 6]))
        #expect(throws: SmeltError("tensor \"m\" is not trained by this trainer")) { try trainer.setParameter("m", to: [0, 0, 0]) }
        let explicit = try Trainer(graph: b.graph(inputs: [x], output: y), loss: .softmaxCrossEntropy, optimizer: .sgd(learningRate: 0.1), trainable: ["w"])
        #expect(explicit.trainable == ["w"])
        let (_, grads) = try explicit.gradients(Sample(input: [Float](repeating: 0.5, count: 12), label: 1))
        #expect(Array(grads.keys) == ["w"])
    }
}
