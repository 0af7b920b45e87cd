import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Optimizers")
struct OptimizerTests {
    /// x [2] → Dense [1, 2] + bias → y, all weights zero.
    static func linear() -> Graph {
        Graph(name: "linear", tensors: [Tensor(name: "x", shape: [2]), .constant("w", shape: [1, 2], values: [0, 0]),
                                        .constant("b", shape: [1], values: [0]), Tensor(name: "y", shape: [1])],
              nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w", "b"], output: "y")],
              inputs: ["x"], outputs: ["y"])
    }

    /// y = 3·x0 − 2·x1 + 0.5 on an 8 × 8 grid over [−1, 1]², without noise.
    static let plane: [Sample] = (0..<64).map { k in
        let x0 = Float(k % 8) / 3.5 - 1, x1 = Float(k / 8) / 3.5 - 1
        return Sample(input: [x0, x1], values: [3 * x0 - 2 * x1 + 0.5])
    }

    @Test("SGD, mini-batch SGD and momentum recover the plane y = 3·x0 − 2·x1 + 0.5",
          arguments: [Optimizer.sgd(learningRate: 0.05), .sgd(learningRate: 0.2, batchSize: 8),
                      .momentum(learningRate: 0.02, momentum: 0.9, batchSize: 4)])
    func linearRegression(optimizer: Optimizer) throws {
        var trainer = try Trainer(graph: Self.linear(), loss: .meanSquaredError, optimizer: optimizer, seed: 9)
        var last = EpochStats(loss: .infinity, accuracy: nil, seconds: 0)
        for _ in 0..<60 { last = try trainer.trainEpoch(samples: Self.plane) }
        let w = trainer.net.value(of: "w")!, b = trainer.net.value(of: "b")!
        #expect(abs(w[0] - 3) < 1e-4 && abs(w[1] + 2) < 1e-4 && abs(b[0] - 0.5) < 1e-4)
        #expect(last.loss < 1e-6)
        #expect(last.accuracy == nil)
    }

    @Test("Adam: two steps match the hand-computed values")
    func adamTwoSteps() throws {
        // y = w·x, x = 1, t = 0, w0 = 1, MSE → g = 2w. lr 0.1, β1 0.9, β2 0.999, ε 1e-8.
        // t=1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, w = 1 − 0.1·2/(2 + 1e-8) = 0.9000000005
        // t=2: g = 1.800000001, m = 0.3600000001, v = 0.0072360000036,
        //      m̂ = m/0.19, v̂ = v/0.001999, w = 0.9000000005 − 0.1·m̂/(√v̂ + 1e-8) = 0.8004122286917928
        let g = Graph(name: "w", tensors: [Tensor(name: "x", shape: [1]), .constant("w", shape: [1, 1], values: [1]), Tensor(name: "y", shape: [1])],
                      nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .adam(learningRate: 0.1, batchSize: 1))
        let sample = [Sample(input: [1], values: [0])]
        _ = try trainer.trainEpoch(samples: sample)
        #expect(abs(trainer.net.value(of: "w")![0] - 0.9000000005) < 1e-13)
        #expect(abs(trainer.state.first[0][0] - 0.2) < 1e-15 && abs(trainer.state.second[0][0] - 0.004) < 1e-15)
        _ = try trainer.trainEpoch(samples: sample)
        #expect(abs(trainer.net.value(of: "w")![0] - 0.8004122286917928) < 1e-13)
        #expect(abs(trainer.state.first[0][0] - 0.3600000001) < 1e-15)
        #expect(abs(trainer.state.second[0][0] - 0.0072360000036) < 1e-15)
        #expect(trainer.state.steps == 2)
    }

    @Test("momentum: two steps of μ 0.9, lr 0.1 with gradient 1 move w by −0.1 then −0.19")
    func momentumSteps() {
        var state = OptimizerState(optimizer: .momentum(learningRate: 0.1), parameterSizes: [1])
        var p: [[Double]] = [[0]]
        state.step(&p, gradients: [[1]])
        #expect(abs(p[0][0] + 0.1) < 1e-15)
        state.step(&p, gradients: [[1]])
        #expect(abs(p[0][0] + 0.29) < 1e-15)
    }

    @Test("invalid settings are rejected")
    func invalid() {
        #expect(throws: SmeltError.self) { try Trainer(graph: Self.linear(), loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1, batchSize: 0)) }
        #expect(throws: SmeltError.self) { try Trainer(graph: Self.linear(), loss: .meanSquaredError, optimizer: .sgd(learningRate: -1)) }
        #expect(throws: SmeltError.self) { try Trainer(graph: Self.linear(), loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1), trainable: ["nope"]) }
        #expect(throws: SmeltError.self) { try Trainer(graph: Self.linear(), loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1), trainable: ["y"]) }
    }
}
