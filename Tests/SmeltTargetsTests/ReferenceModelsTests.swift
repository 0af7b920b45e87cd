import Testing
import SmeltIR
import SmeltTargets

@Suite("Reference benchmark models")
struct ReferenceModelsTests {
    @Test("DS-CNN has the keyword-spotting shape and 2,656,768 MACs")
    func dsCNN() throws {
        let g = try ReferenceModels.keywordSpottingDSCNN()
        let stats = GraphStatistics(g)
        #expect(stats.totalMACs == 320_000 + 4 * (72_000 + 512_000) + 768)
        #expect(g.tensor("conv1")?.shape == [25, 5, 64])
        #expect(g.tensor(g.outputs[0])?.shape == [12])
    }

    @Test("Autoencoder has 264,192 MACs and a 640-wide output")
    func autoencoder() throws {
        let g = try ReferenceModels.anomalyAutoencoder()
        #expect(GraphStatistics(g).totalMACs == 264_192)
        #expect(g.tensor(g.outputs[0])?.shape == [640])
    }

    @Test("Samples are seeded and within range")
    func samples() throws {
        let g = try ReferenceModels.anomalyAutoencoder()
        let a = ReferenceModels.samples(for: g, count: 3), b = ReferenceModels.samples(for: g, count: 3)
        #expect(a == b)
        #expect(a.count == 3 && a[0].count == 640)
        #expect(a.joined().allSatisfy { (-1...1).contains($0) })
    }
}
