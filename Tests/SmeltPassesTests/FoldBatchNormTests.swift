import Testing
import SmeltIR
import SmeltEmulator
import SmeltPasses

/// BatchNorm folding: equivalence on random inputs (|a − b| ≤ 1e-5 + 1e-5·|b|), node counts, names.
@Suite struct FoldBatchNormTests {
    /// x 6×6×3 → Conv2D 3×3 (4 out, bias, same, stride 1) → BatchNorm → ReLU → y.
    static func convBNReLU(seed: UInt64 = 1) -> Graph {
        var r = SplitMix64(seed: seed)
        return Graph(
            name: "conv-bn-relu",
            tensors: [Tensor(name: "x", shape: [6, 6, 3]), r.constant("conv.w", [4, 3, 3, 3]), r.constant("conv.b", [4])]
                + r.batchNormParams("bn", channels: 4),
            nodes: [
                Node(name: "conv", op: .conv2d(ConvAttributes(stride: 1, padding: .same)), inputs: ["x", "conv.w", "conv.b"], output: "c"),
                Node(name: "bn", op: .batchNorm(epsilon: 1e-3), inputs: ["c", "bn.gamma", "bn.beta", "bn.mean", "bn.var"], output: "n"),
                Node(name: "relu", op: .relu, inputs: ["n"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
    }

    @Test func convBatchNormReLU() throws {
        let g = Self.convBNReLU()
        let folded = try foldBatchNorm(g)
        #expect(kinds(folded) == [.conv2d, .relu])
        let conv = folded.node("conv")!
        #expect(conv.inputs == ["x", "conv.weight.folded", "conv.bias.folded"])
        #expect(conv.output == "n")
        // The old weight, bias, BatchNorm statistics and the intermediate "c" are gone.
        for gone in ["conv.w", "conv.b", "bn.gamma", "bn.beta", "bn.mean", "bn.var", "c"] { #expect(folded.tensor(gone) == nil) }
        try expectSameOutputs(g, folded)
    }

    /// x 5×5×3 → DepthwiseConv2D 3×3 stride 2 same (no bias) → BatchNorm → y.
    @Test func depthwiseBatchNorm() throws {
        var r = SplitMix64(seed: 2)
        let g = Graph(
            name: "dw-bn",
            tensors: [Tensor(name: "x", shape: [5, 5, 3]), r.constant("dw.w", [1, 3, 3, 3])] + r.batchNormParams("bn", channels: 3),
            nodes: [
                Node(name: "dw", op: .depthwiseConv2d(ConvAttributes(stride: 2, padding: .same)), inputs: ["x", "dw.w"], output: "d"),
                Node(name: "bn", op: .batchNorm(epsilon: 1e-5), inputs: ["d", "bn.gamma", "bn.beta", "bn.mean", "bn.var"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
        let folded = try foldBatchNorm(g)
        #expect(kinds(folded) == [.depthwiseConv2d])
        #expect(folded.node("dw")!.inputs == ["x", "dw.weight.folded", "dw.bias.folded"])
        #expect(folded.outputs == ["y"])
        try expectSameOutputs(g, folded)
    }

    /// x [8] → Dense 8→5 (with bias) → BatchNorm → Softmax.
    @Test func denseBatchNorm() throws {
        var r = SplitMix64(seed: 3)
        let g = Graph(
            name: "dense-bn",
            tensors: [Tensor(name: "x", shape: [8]), r.constant("fc.w", [5, 8]), r.constant("fc.b", [5])] + r.batchNormParams("bn", channels: 5),
            nodes: [
                Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "fc.w", "fc.b"], output: "h"),
                Node(name: "bn", op: .batchNorm(epsilon: 1e-3), inputs: ["h", "bn.gamma", "bn.beta", "bn.mean", "bn.var"], output: "n"),
                Node(name: "softmax", op: .softmax, inputs: ["n"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
        let folded = try foldBatchNorm(g)
        #expect(kinds(folded) == [.dense, .softmax])
        try expectSameOutputs(g, folded)
    }

    /// The worked example of the doc comment: weight [[2]], bias [1]; γ 3, β 0.5, μ 1, σ² 3, ε 1
    /// → s = 1.5, weight' [[3]], bias' [0.5].
    @Test func foldedValuesByHand() throws {
        let g = Graph(
            name: "hand",
            tensors: [Tensor(name: "x", shape: [1]), .constant("w", shape: [1, 1], values: [2]), .constant("b", shape: [1], values: [1]),
                      .constant("g", shape: [1], values: [3]), .constant("be", shape: [1], values: [0.5]),
                      .constant("m", shape: [1], values: [1]), .constant("v", shape: [1], values: [3])],
            nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w", "b"], output: "h"),
                    Node(name: "bn", op: .batchNorm(epsilon: 1), inputs: ["h", "g", "be", "m", "v"], output: "y")],
            inputs: ["x"], outputs: ["y"])
        let folded = try foldBatchNorm(g)
        #expect(folded.tensor("fc.weight.folded")?.data == .float32([3]))
        #expect(folded.tensor("fc.bias.folded")?.data == .float32([0.5]))
        // x = 2: original 2·2 + 1 = 5 → 3·(5 − 1)/2 + 0.5 = 6.5; folded 3·2 + 0.5 = 6.5.
        #expect(try FloatInterpreter(graph: folded).run([2]) == [6.5])
    }

    /// Conv weight read by two convs (kernel sharing): the BatchNorm after the first conv goes into
    /// conv1's own channel scale; the shared kernel is untouched and still shared.
    /// x 4×4×2 → conv1(w) → BN → conv2(w) → y; w is [2, 3, 3, 2] so it maps 2 channels to 2.
    @Test func sharedConvWeightFoldsIntoChannelScale() throws {
        var r = SplitMix64(seed: 4)
        let g = Graph(
            name: "shared",
            tensors: [Tensor(name: "x", shape: [4, 4, 2]), r.constant("w", [2, 3, 3, 2])] + r.batchNormParams("bn", channels: 2),
            nodes: [
                Node(name: "conv1", op: .conv2d(ConvAttributes(stride: 1, padding: .same)), inputs: ["x", "w"], output: "c1"),
                Node(name: "bn", op: .batchNorm(epsilon: 1e-3), inputs: ["c1", "bn.gamma", "bn.beta", "bn.mean", "bn.var"], output: "n"),
                Node(name: "conv2", op: .conv2d(ConvAttributes(stride: 1, padding: .same)), inputs: ["n", "w"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
        let folded = try foldBatchNorm(g)
        #expect(kinds(folded) == [.conv2d, .conv2d])
        #expect(folded.node("conv1")!.inputs == ["x", "w", "conv1.bias.folded", "conv1.scale.folded"])
        #expect(folded.sharedTensors.map(\.tensor) == ["w"])
        #expect(folded.tensor("w") == g.tensor("w"))
        try expectSameOutputs(g, folded)
    }

    /// Not foldable: the conv already has a fused ReLU, or the pre-BN tensor is also a graph output,
    /// or the BatchNorm reads a graph input directly. Each graph comes back unchanged (verified).
    @Test func unfoldableCasesAreLeftAlone() throws {
        var r = SplitMix64(seed: 5)
        let params = r.batchNormParams("bn", channels: 2)
        let w = r.constant("w", [2, 1, 1, 2])
        func graph(convActivation: Activation, outputs: [String], bnInput: String = "c") -> Graph {
            Graph(name: "g", tensors: [Tensor(name: "x", shape: [2, 2, 2]), w] + params,
                  nodes: [Node(name: "conv", op: .conv2d(ConvAttributes(stride: 1, activation: convActivation)), inputs: ["x", "w"], output: "c"),
                          Node(name: "bn", op: .batchNorm(epsilon: 1e-3), inputs: [bnInput] + params.map(\.name), output: "y")],
                  inputs: ["x"], outputs: outputs)
        }
        for g in [graph(convActivation: .relu, outputs: ["y"]),
                  graph(convActivation: .none, outputs: ["y", "c"]),
                  graph(convActivation: .none, outputs: ["y", "c"], bnInput: "x")] {
            let folded = try foldBatchNorm(g)
            #expect(folded == (try g.verified()))
            try expectSameOutputs(g, folded)
        }
        // Control: the same graph with a plain conv and only "y" as output does fold.
        #expect(kinds(try foldBatchNorm(graph(convActivation: .none, outputs: ["y"]))) == [.conv2d])
    }
}
