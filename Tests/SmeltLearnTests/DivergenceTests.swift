import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Divergence")
struct DivergenceTests {
    @Test("a huge learning rate makes the loss NaN/Inf: the error names the epoch and the weights stay as before")
    func hugeLearningRate() throws {
        let g = try ExampleFiles.graph("sine")
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 1e6), seed: 1)
        var message = ""
        do {
            for _ in 0..<5 { _ = try trainer.trainEpoch(samples: SineTrainingTests.samples) }
        } catch let e as SmeltError {
            message = e.message
        }
        #expect(message.hasPrefix("epoch 1: "))
        #expect(message.contains("diverged"))
        #expect(trainer.graph == (try g.verified()))
        #expect(trainer.epochs == 0)
    }

    @Test("divergence in the second epoch is reported as epoch 2 and keeps epoch 1's weights")
    func secondEpoch() throws {
        let g = try ExampleFiles.graph("sine")
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 1e-3), seed: 1)
        _ = try trainer.trainEpoch(samples: SineTrainingTests.samples)
        let afterFirst = trainer.graph
        // A target of 3e38 squares to infinity.
        let poisoned = SineTrainingTests.samples + [Sample(input: [1], values: [3e38])]
        #expect(throws: SmeltError.self) { try trainer.trainEpoch(samples: poisoned) }
        do { _ = try trainer.trainEpoch(samples: poisoned) } catch let e as SmeltError {
            #expect(e.message.hasPrefix("epoch 2: the loss became inf"))
        }
        #expect(trainer.graph == afterFirst)
        #expect(trainer.epochs == 1)
        #expect(g == (try ExampleFiles.graph("sine")))  // the caller's graph is a value: untouched
    }

    @Test("samples that do not fit the graph are rejected before training")
    func badSamples() throws {
        var trainer = try Trainer(graph: ExampleFiles.graph("digits"), loss: .softmaxCrossEntropy, optimizer: .sgd(learningRate: 0.1))
        let pixels = [Float](repeating: 0, count: 64)
        #expect(throws: SmeltError("sample 0: 63 input values, graph \"digits\" expects 64")) {
            try trainer.trainEpoch(samples: [Sample(input: Array(pixels.dropLast()), label: 1)])
        }
        #expect(throws: SmeltError("sample 1: label 10 is out of range 0...9")) {
            try trainer.trainEpoch(samples: [Sample(input: pixels, label: 1), Sample(input: pixels, label: 10)])
        }
        var nan = pixels
        nan[5] = .nan
        #expect(throws: SmeltError("sample 0: input value 5 is nan")) {
            try trainer.trainEpoch(samples: [Sample(input: nan, label: 1)])
        }
    }
}
