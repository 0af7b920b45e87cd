import Testing
import SmeltIR
import SmeltEmulator
import SmeltPasses

/// BatchNorm folding into a shared kernel group (docs/kernel-sharing.md): every BatchNorm goes into
/// its own layer's channel scale and bias, the shared kernels stay one tensor each, and the float
/// outputs stay within 1e-5 (absolute) of the unfolded graph.
@Suite struct SharedBatchNormFoldTests {
    /// ConvMixer-style: x 6×6×4 → `blocks` × [depthwise 3×3 (dw.w shared) → BN → ReLU →
    /// pointwise 1×1 (pw.w shared) → BN → ReLU] → y. Gammas in [−2, 2]: some are negative.
    static func convMixer(blocks: Int, seed: UInt64) -> Graph {
        var r = SplitMix64(seed: seed)
        var tensors = [Tensor(name: "x", shape: [6, 6, 4]),
                       r.constant("dw.w", [1, 3, 3, 4], in: -0.5...0.5), r.constant("pw.w", [4, 1, 1, 4], in: -0.5...0.5)]
        var nodes: [Node] = []
        var x = "x"
        for b in 0..<blocks {
            tensors += r.batchNormParams("b\(b).bn1", channels: 4) + r.batchNormParams("b\(b).bn2", channels: 4)
            tensors += [r.constant("b\(b).dw.b", [4], in: -0.2...0.2)]
            let same = ConvAttributes(stride: 1, padding: .same)
            nodes += [
                Node(name: "b\(b).dw", op: .depthwiseConv2d(same), inputs: [x, "dw.w", "b\(b).dw.b"], output: "b\(b).d"),
                Node(name: "b\(b).bn1", op: .batchNorm(epsilon: 1e-3), inputs: ["b\(b).d"] + ["gamma", "beta", "mean", "var"].map { "b\(b).bn1.\($0)" }, output: "b\(b).n1"),
                Node(name: "b\(b).relu1", op: .relu, inputs: ["b\(b).n1"], output: "b\(b).r1"),
                Node(name: "b\(b).pw", op: .conv2d(same), inputs: ["b\(b).r1", "pw.w"], output: "b\(b).p"),
                Node(name: "b\(b).bn2", op: .batchNorm(epsilon: 1e-3), inputs: ["b\(b).p"] + ["gamma", "beta", "mean", "var"].map { "b\(b).bn2.\($0)" }, output: "b\(b).n2"),
                Node(name: "b\(b).relu2", op: .relu, inputs: ["b\(b).n2"], output: "b\(b).r2"),
            ]
            x = "b\(b).r2"
        }
        return Graph(name: "convmixer", tensors: tensors, nodes: nodes, inputs: ["x"], outputs: [x])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func foldingKeepsOneKernelAndTheOutputs(seed: UInt64) throws {
        let g = Self.convMixer(blocks: 3, seed: seed)
        let folded = try Pipeline.standard(g)
        #expect(folded.nodes.map(\.op.kind) == Array(repeating: [OpKind.depthwiseConv2d, .conv2d], count: 3).flatMap { $0 })
        #expect(folded.sharedTensors.map(\.tensor) == ["dw.w", "pw.w"])
        #expect(folded.tensor("dw.w") == g.tensor("dw.w"))
        #expect(folded.tensor("pw.w") == g.tensor("pw.w"))
        for n in folded.nodes {
            #expect(n.inputs.count == 4, "node \(n.name) has a channel scale")
            #expect(n.op.fusedActivation == .relu)
        }
        let gammas = (0..<3).flatMap { g.tensor("b\($0).bn1.gamma")!.data!.floats! }
        #expect(gammas.contains { $0 < 0 }, "the fixture exercises negative gamma")

        let a = try FloatInterpreter(graph: g), b = try FloatInterpreter(graph: folded)
        var r = SplitMix64(seed: 100 + seed)
        var worst: Float = 0
        for _ in 0..<8 {
            let x = r.floats(6 * 6 * 4, in: -2...2)
            let ya = try a.run(x), yb = try b.run(x)
            #expect(ya.count == yb.count)
            for (u, v) in zip(ya, yb) { worst = max(worst, abs(u - v)) }
        }
        #expect(worst <= 1e-5, "max |unfolded − folded| = \(worst)")
    }

    /// An unshared layer keeps the old behaviour (BatchNorm into a private kernel, no scale).
    @Test func unsharedLayersFoldIntoTheKernel() throws {
        let g = Self.convMixer(blocks: 1, seed: 9)
        let folded = try foldBatchNorm(g)
        #expect(folded.nodes.filter { $0.op.kind != .relu }.allSatisfy { $0.inputs.count == 3 })
        #expect(folded.sharedTensors.isEmpty)
    }
}
