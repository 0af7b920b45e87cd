import Foundation
import SmeltEmulator
import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Digits CNN")
struct DigitsTrainingTests {
    @Test("the training forward pass matches the float interpreter on digits.json (1e-5)")
    func forwardMatchesInterpreter() throws {
        let g = try ExampleFiles.graph("digits")
        let test = try TrainingData.load(path: ExampleFiles.path("digits", "test.csv"), for: g, loss: .softmaxCrossEntropy)
        let trainer = try Trainer(graph: g, loss: .softmaxCrossEntropy, optimizer: .sgd(learningRate: 0.1))
        let interpreter = try FloatInterpreter(graph: g)
        for s in test.samples.prefix(20) {
            let mine = trainer.predict(s.input), reference = try interpreter.run(s.input)
            for (a, b) in zip(mine, reference) { #expect(abs(a - Double(b)) < 1e-5) }
        }
        // The exported weights score 97.78 % on the test set (Examples/digits/README.md).
        let stats = try trainer.evaluate(samples: test.samples)
        #expect(abs(stats.accuracy! - 440.0 / 450.0) < 1e-12)
    }

    @Test("training from He-normal weights for 3 epochs (Adam, batch 16) reaches ≥ 90 % test accuracy")
    func trainFromScratch() throws {
        let g = try WeightInitializer.heNormal(ExampleFiles.graph("digits"), seed: 3)
        let train = try TrainingData.load(path: ExampleFiles.path("digits", "train.csv"), for: g, loss: .softmaxCrossEntropy)
        let test = try TrainingData.load(path: ExampleFiles.path("digits", "test.csv"), for: g, loss: .softmaxCrossEntropy)
        #expect(train.samples.count == 1347 && test.samples.count == 450)
        var trainer = try Trainer(graph: g, loss: .softmaxCrossEntropy, optimizer: .adam(learningRate: 3e-3, batchSize: 16), seed: 5)
        var epochs: [EpochStats] = []
        for _ in 0..<3 { epochs.append(try trainer.trainEpoch(samples: train.samples)) }
        let result = try trainer.evaluate(samples: test.samples)
        print("digits:", epochs.map { String(format: "loss %.4f acc %.4f %.2fs", $0.loss, $0.accuracy!, $0.seconds) },
              String(format: "test loss %.4f acc %.4f", result.loss, result.accuracy!))
        #expect(epochs[2].loss < epochs[0].loss)
        #expect(result.accuracy! >= 0.90)
        // The trained graph, run by the float interpreter, gives the same accuracy.
        let interpreter = try FloatInterpreter(graph: trainer.graph)
        let correct = try test.samples.filter { s in
            let p = try interpreter.run(s.input)
            return p.indices.max { p[$0] < p[$1] } == { if case .label(let k) = s.target { return k }; return -1 }()
        }.count
        #expect(abs(Double(correct) / 450 - result.accuracy!) <= 2.0 / 450)
    }
}
