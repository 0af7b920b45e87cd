/// A small ConvMixer (Trockman & Kolter) for 2-D inputs, with or without inter-layer kernel
/// sharing (docs/kernel-sharing.md), built with `GraphBuilder`.
///
/// ```
/// stem   Conv2D patch×patch stride patch, 1→width (+BN, ReLU)          nodes "stem.*"
/// block  r = ReLU(BN(Depthwise k×k same(x)));  x = x + r;             nodes "mixer.b<i>.*"
///        x = ReLU(BN(Conv2D 1×1 width→width (x)))
/// head   GlobalAveragePool → Dense width→classes → Softmax             nodes "head.*"
/// ```
///
/// With `shared: true` every block's depthwise reads `mixer.dw.weight` / `mixer.dw.bias` and every
/// pointwise `mixer.pw.weight` / `mixer.pw.bias`; each block keeps its own BatchNorms (as the
/// kernel-sharing paper does). Node names put every block in the stage `mixer` (the prefix
/// before the first "."), which is what `smelt share --stages mixer` selects.
/// Example: input [8, 8, 1], width 64, 8 blocks, patch 2, kernel 3, 10 classes →
/// 42,858 parameters unshared, 11,178 shared (BatchNorm gamma and beta counted, mean and variance not).
public enum ConvMixerModel {
    public static func graph(name: String = "convmixer", input: [Int], width: Int, blocks: Int, patch: Int = 2,
                             kernel: Int = 3, classes: Int, shared: Bool, seed: UInt64 = 1) throws -> Graph {
        var b = GraphBuilder(name: name, input: input, seed: seed)
        var x = b.conv2d(b.input, filters: width, kernel: (patch, patch), stride: patch, name: "stem.conv")
        x = b.relu(b.batchNorm(x, name: "stem.bn"), name: "stem.relu")
        for i in 0..<blocks {
            let p = "mixer.b\(i)"
            var r = b.depthwiseConv2d(x, kernel: (kernel, kernel), padding: .same, sharing: shared ? "mixer.dw" : nil, name: "\(p).dw")
            r = b.relu(b.batchNorm(r, name: "\(p).bn1"), name: "\(p).relu1")
            x = b.add(r, x, name: "\(p).add")
            x = b.conv2d(x, filters: width, kernel: (1, 1), sharing: shared ? "mixer.pw" : nil, name: "\(p).pw")
            x = b.relu(b.batchNorm(x, name: "\(p).bn2"), name: "\(p).relu2")
        }
        let y = b.softmax(b.dense(b.globalAveragePool(x, name: "head.gap"), units: classes, name: "head.dense"), name: "head.softmax")
        return try b.finish(outputs: [y])
    }
}

extension ConvMixerModel {
    /// `graph` with seeded random BatchNorm statistics (gamma in ±[0.4, 1.5], so some negative;
    /// beta, mean and biases in [−0.3, 0.3]; variance in [0.5, 1.5]), as after training. Benchmarks
    /// and tests use it so every layer's folded bias and multipliers differ.
    public static func withRandomStatistics(_ graph: Graph, seed: UInt64) -> Graph {
        var g = graph
        var rng = SplitMix64(seed: seed)
        func uniform(_ lo: Float, _ hi: Float) -> Float { lo + (hi - lo) * Float(rng.next() >> 40) / Float(1 << 24) }
        for t in g.tensors where t.isConstant {
            let n = t.elementCount
            var values: [Float]? = nil
            if t.name.hasSuffix(".gamma") { values = (0..<n).map { _ in let v = uniform(-1.5, 1.5); return abs(v) < 0.4 ? v + (v < 0 ? -0.4 : 0.4) : v } }
            if t.name.hasSuffix(".beta") || t.name.hasSuffix(".bias") || t.name.hasSuffix(".mean") { values = (0..<n).map { _ in uniform(-0.3, 0.3) } }
            if t.name.hasSuffix(".variance") { values = (0..<n).map { _ in uniform(0.5, 1.5) } }
            if let values { g.setTensor(.constant(t.name, shape: t.shape, values: values)) }
        }
        return g
    }
}
