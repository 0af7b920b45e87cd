import Foundation
import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Sine MLP")
struct SineTrainingTests {
    /// 256 evenly spaced x in [0, 2π) with target sin(x).
    static let samples: [Sample] = (0..<256).map { k in
        let x = Float(Double(k) * 2 * Double.pi / 256)
        return Sample(input: [x], values: [Float(sin(Double(x)))])
    }

    @Test("retraining Examples/sine/sine.json with full-batch SGD lowers the loss every epoch")
    func retrainExported() throws {
        let g = try ExampleFiles.graph("sine")
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 1e-3, batchSize: 256), seed: 1)
        var previous = try trainer.evaluate(samples: Self.samples).loss
        #expect(previous < 1e-4)  // README: MSE 2.1e-5 over [0, 2π]
        for _ in 0..<5 {
            _ = try trainer.trainEpoch(samples: Self.samples)
            let now = try trainer.evaluate(samples: Self.samples).loss
            #expect(now < previous)
            previous = now
        }
    }

    @Test("the sine MLP trained from He-normal weights (Adam, 60 epochs) improves its loss at least 100×")
    func trainFromScratch() throws {
        let g = try WeightInitializer.heNormal(ExampleFiles.graph("sine"), seed: 4)
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .adam(learningRate: 0.02, batchSize: 8), seed: 2)
        let initial = try trainer.evaluate(samples: Self.samples).loss
        var curve: [EpochStats] = []
        for _ in 0..<60 { curve.append(try trainer.trainEpoch(samples: Self.samples)) }
        let final = try trainer.evaluate(samples: Self.samples).loss
        print(String(format: "sine: initial MSE %.4f, after 60 epochs %.5f", initial, final))
        #expect(final * 100 < initial)
        #expect(final < 0.01)
    }
}
