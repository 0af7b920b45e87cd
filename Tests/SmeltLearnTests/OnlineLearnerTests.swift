import Foundation
import SmeltEmulator
import SmeltIR
import Testing
@testable import SmeltLearn

/// Gaussian blobs in 2-D: class k centred at radius 2, angle `rotation + k·360°/classes`, σ 0.5,
/// shifted by `offset`; a `center` class (index `classes`) at the origin when asked for.
struct Blobs {
    var classes = 3
    var rotation = 0.0
    var offset: (Double, Double) = (0, 0)
    var center = false

    func samples(_ n: Int, seed: UInt64) -> [Sample] {
        var rng = SeededGenerator(seed: seed)
        let total = classes + (center ? 1 : 0)
        return (0..<n).map { i in
            let k = i % total
            let a = (rotation + Double(k) * 360 / Double(classes)) * Double.pi / 180
            let (cx, cy) = k == classes ? (0.0, 0.0) : (2 * cos(a), 2 * sin(a))
            return Sample(input: [Float(cx + offset.0 + 0.5 * rng.normal()), Float(cy + offset.1 + 0.5 * rng.normal())], label: k)
        }
    }
}

@Suite("Online learning")
struct OnlineLearnerTests {
    static func label(_ s: Sample) -> Int { if case .label(let k) = s.target { return k }; return -1 }

    static func accuracy(_ learner: OnlineLearner, _ samples: [Sample], features: ([Float]) throws -> [Float]) rethrows -> Double {
        Double(try samples.filter { learner.predict(try features($0.input)) == label($0) }.count) / Double(samples.count)
    }

    static func accuracy(_ learner: OnlineLearner, _ samples: [Sample]) -> Double {
        accuracy(learner, samples) { $0 }
    }

    @Test("one hand-computed step: zeros, x = [1, 2], label 0, lr 0.5")
    func handStep() throws {
        var learner = try OnlineLearner(layers: [DenseLayer(weight: [0, 0, 0, 0], bias: [0, 0], inputs: 2)], learningRate: 0.5)
        // z = [0, 0] → p = [0.5, 0.5], L = ln 2, g = [−0.5, 0.5]; W −= 0.5·g·xᵀ, b −= 0.5·g.
        let loss = try learner.learn([1, 2], label: 0)
        #expect(abs(loss - Float(log(2.0))) < 1e-7)
        #expect(learner.layers[0].weight == [0.25, 0.5, -0.25, -0.5])
        #expect(learner.layers[0].bias == [0.25, -0.25])
        #expect(learner.steps == 1)
    }

    @Test("a step through two layers equals the Trainer's SGD step (float32 vs double, 1e-6)",
          arguments: [Loss.softmaxCrossEntropy, .meanSquaredError])
    func matchesTrainer(loss: Loss) throws {
        var b = RandomGraph(seed: 81)
        let x = b.input("x", [4])
        let h = b.node("fc1", .dense(activation: .relu), [x, b.constant("w1", [5, 4]), b.constant("b1", [5], offset: 0.5)])
        let y = b.node("fc2", .dense(activation: .none), [h, b.constant("w2", [3, 5]), b.constant("b2", [3])])
        let g = b.graph(inputs: [x], output: y)
        let sample = loss == .softmaxCrossEntropy ? Sample(input: [0.5, -1, 0.25, 2], label: 2)
                                                  : Sample(input: [0.5, -1, 0.25, 2], values: [1, 0, -1])
        var trainer = try Trainer(graph: g, loss: loss, optimizer: .sgd(learningRate: 0.1))
        _ = try trainer.trainEpoch(samples: [sample])
        let (backbone, head) = try OnlineLearner.split(graph: g, headFrom: "fc1")
        #expect(backbone == nil && head.count == 2)
        var learner = try OnlineLearner(layers: head, loss: loss, learningRate: 0.1)
        switch sample.target {
        case .label(let k): try learner.learn(sample.input, label: k)
        case .values(let t): try learner.learn(sample.input, target: t)
        }
        for (k, name) in [(0, "w1"), (0, "b1"), (1, "w2"), (1, "b2")] {
            let mine = name.hasPrefix("w") ? learner.layers[k].weight : learner.layers[k].bias
            let reference = trainer.net.value(of: name)!
            #expect(zip(mine, reference).allSatisfy { abs(Double($0) - $1) < 1e-6 })
        }
    }

    @Test("TinyOL on a drifting toy problem: a frozen backbone, the head learns 200 drifted samples and recovers")
    func drift() throws {
        // Deployed model: x[2] → Dense 16 ReLU (backbone) → Dense 3 → Softmax, trained on the original blobs.
        var b = RandomGraph(seed: 91)
        let x = b.input("x", [2])
        let h = b.node("features", .dense(activation: .relu), [x, b.constant("w1", [16, 2]), b.constant("b1", [16])])
        let z = b.node("fc", .dense(activation: .none), [h, b.constant("w2", [3, 16], scale: 0.1), b.constant("b2", [3], scale: 0)])
        let p = b.node("softmax", .softmax, [z])
        var trainer = try Trainer(graph: b.graph(inputs: [x], output: p), loss: .softmaxCrossEntropy,
                                  optimizer: .adam(learningRate: 0.01, batchSize: 8), seed: 1)
        let original = Blobs()
        for _ in 0..<15 { _ = try trainer.trainEpoch(samples: original.samples(300, seed: 1)) }

        let (backbone, head) = try OnlineLearner.split(graph: trainer.graph, headFrom: "fc")
        let interpreter = try FloatInterpreter(graph: backbone!)
        let features = { (x: [Float]) throws -> [Float] in try interpreter.run(x) }
        var learner = try OnlineLearner(layers: head, learningRate: 0.05)
        let drifted = Blobs(rotation: 70, offset: (0.5, -0.5))
        let before = try Self.accuracy(learner, original.samples(600, seed: 2), features: features)
        let hit = try Self.accuracy(learner, drifted.samples(600, seed: 3), features: features)
        for s in drifted.samples(200, seed: 4) { try learner.learn(try features(s.input), label: Self.label(s)) }
        let after = try Self.accuracy(learner, drifted.samples(600, seed: 3), features: features)
        print(String(format: "drift: accuracy %.3f before drift, %.3f after drift, %.3f after 200 online samples (%.0f %% of the loss recovered)",
                     before, hit, after, 100 * (after - hit) / (before - hit)))
        #expect(before > 0.95)
        #expect(hit < 0.75)
        #expect(after - hit >= 0.9 * (before - hit))
    }

    @Test("addClass grows the output layer at run time; the new class is learned online")
    func addClass() throws {
        var learner = try OnlineLearner(layers: [DenseLayer(weight: [Float](repeating: 0, count: 6), bias: [0, 0, 0], inputs: 2)], learningRate: 0.05)
        for s in Blobs().samples(300, seed: 5) { try learner.learn(s.input, label: Self.label(s)) }
        #expect(Self.accuracy(learner, Blobs().samples(300, seed: 6)) > 0.95)
        let probe: [Float] = [1.5, -0.5]
        let old = learner.logits(probe)
        learner.addClass()
        #expect(learner.classCount == 4)
        #expect(learner.logits(probe) == old + [0])
        #expect(throws: SmeltError("online learner: label 4 is out of range 0...3")) { try learner.learn(probe, label: 4) }
        let four = Blobs(center: true)
        for s in four.samples(400, seed: 7) { try learner.learn(s.input, label: Self.label(s)) }
        let test = four.samples(800, seed: 8)
        let accuracy = Self.accuracy(learner, test)
        let centre = test.filter { Self.label($0) == 3 }
        let recall = Self.accuracy(learner, centre)
        print(String(format: "addClass: 4-class accuracy %.3f, new-class recall %.3f", accuracy, recall))
        #expect(accuracy > 0.85 && recall > 0.8)
    }

    @Test("split rejects heads that are not Dense chains, and bad samples")
    func errors() throws {
        let digits = try ExampleFiles.graph("digits")
        #expect(throws: SmeltError("node \"conv2\": Conv2D cannot be part of the trainable head (Dense, ReLU, ReLU6 and a final Softmax only)")) {
            try OnlineLearner.split(graph: digits, headFrom: "conv2")
        }
        let (backbone, head) = try OnlineLearner.split(graph: digits, headFrom: "fc")
        #expect(backbone!.outputs == ["flatten"] || backbone!.nodes.last!.op == .flatten)
        #expect(head.count == 1 && head[0].inputs == 256 && head[0].outputs == 10)
        var learner = try OnlineLearner(layers: head, learningRate: 0.01)
        #expect(throws: SmeltError("online learner: 3 features, the first layer takes 256")) { try learner.learn([1, 2, 3], label: 0) }
        #expect(throws: SmeltError.self) { try OnlineLearner(layers: head, learningRate: 0) }
    }
}
