import Testing
import SmeltIR
import SmeltEmulator
import SmeltPasses

/// `Pipeline.standard` = foldBatchNorm then fuseActivations; equivalence within |a − b| ≤ 1e-5 + 1e-5·|b|.
@Suite struct PipelineTests {
    @Test func passOrder() {
        #expect(Pipeline.standardPasses.map(\.name) == ["foldBatchNorm", "fuseActivations"])
    }

    /// conv → BN → ReLU collapses to one conv with a fused ReLU writing the ReLU's tensor "y".
    @Test func convBatchNormReLUBecomesOneNode() throws {
        let g = FoldBatchNormTests.convBNReLU(seed: 11)
        let out = try Pipeline.standard(g)
        #expect(out.nodes.count == 1)
        #expect(out.nodes[0].op == .conv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu)))
        #expect(out.nodes[0].output == "y")
        #expect(Set(out.tensors.map(\.name)) == ["x", "conv.weight.folded", "conv.bias.folded", "y"])
        try expectSameOutputs(g, out)
    }

    /// The passes in the other order would leave the ReLU standalone (it follows the BatchNorm, not
    /// the conv), which is why folding comes first.
    @Test func fusingFirstWouldMissTheReLU() throws {
        let g = FoldBatchNormTests.convBNReLU(seed: 12)
        #expect(kinds(try foldBatchNorm(try fuseActivations(g))) == [.conv2d, .relu])
    }
}
