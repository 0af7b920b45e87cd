import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Determinism")
struct DeterminismTests {
    static func run(seed: UInt64, optimizer: Optimizer) throws -> [UInt8] {
        let g = try WeightInitializer.heNormal(ExampleFiles.graph("sine"), seed: 8)
        var trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: optimizer, seed: seed)
        for _ in 0..<3 { _ = try trainer.trainEpoch(samples: SineTrainingTests.samples) }
        return trainer.graph.tensors.compactMap(\.data).flatMap(\.littleEndianBytes)
    }

    @Test("same seed → identical weight bytes; another seed → different bytes",
          arguments: [Optimizer.sgd(learningRate: 0.05), .momentum(learningRate: 0.01, batchSize: 8), .adam(learningRate: 0.01, batchSize: 16)])
    func sameSeedSameBytes(optimizer: Optimizer) throws {
        let a = try Self.run(seed: 42, optimizer: optimizer)
        let b = try Self.run(seed: 42, optimizer: optimizer)
        let c = try Self.run(seed: 43, optimizer: optimizer)
        #expect(a.count == 321 * 4)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("weight initialisation is seeded")
    func initialisation() throws {
        let g = try ExampleFiles.graph("digits")
        let a = try WeightInitializer.heNormal(g, seed: 1), b = try WeightInitializer.heNormal(g, seed: 1)
        let c = try WeightInitializer.heNormal(g, seed: 2)
        #expect(a == b && a != c)
        // Biases are zeroed; conv1 weights have standard deviation ≈ √(2/9) = 0.471.
        #expect(a.tensor("conv1.bias")!.data!.floats!.allSatisfy { $0 == 0 })
        let w = a.tensor("conv2.weight")!.data!.floats!.map(Double.init)
        let sd = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
        #expect(abs(sd - (2.0 / 72).squareRoot()) < 0.02)
    }

    @Test("SplitMix64 reference values for seed 0")
    func generator() {
        var rng = SeededGenerator(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = Array(0..<10), b = Array(0..<10)
        var r1 = SeededGenerator(seed: 5), r2 = SeededGenerator(seed: 5)
        r1.shuffle(&a)
        r2.shuffle(&b)
        #expect(a == b && a != Array(0..<10) && a.sorted() == Array(0..<10))
    }
}
