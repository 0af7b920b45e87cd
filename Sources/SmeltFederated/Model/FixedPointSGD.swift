import Foundation

/// Local training in fixed point, as a microcontroller without FPU would run it: a documented
/// Q-format SGD step for Dense/ReLU networks. It stands in for the generated C training step
/// (branch `learn`), and sits behind `LocalArithmetic` so it can be swapped for that step.
///
/// Format, with f = `fractionalBits` (default 10):
/// - weights and biases: int16 Q(15−f).f, saturated to [−32768, 32767] (2 bytes each on device);
/// - activations, gradients: int32 Qf; products int64 Q2f; learning rate `lrq = round(lr·2^f)`.
/// - `rs(v, s)` = (v + 2^(s−1)) >> s (round half up, arithmetic shift).
///
/// Step on a batch of B samples (B = 1 is the online step):
/// 1. forward: `z[o] = b[o] + rs(Σ W[o,i]·a[i], f)`, ReLU on hidden layers;
/// 2. output gradient: MSE `g = rs(2·(ŷ − y)·2^f / (B·outputs), f)` computed as
///    `(2·(ŷ − y)) / (B·outputs)` in Qf (C division); cross-entropy: softmax of the Qf logits in
///    double, `g = round((p − onehot)·2^f) / B` (a C port would use an exp table here);
/// 3. backward (old weights): `dx[i] = rs(Σ_o g[o]·W[o,i], f)`, masked by ReLU;
///    gradient sums `G[o,i] += g[o]·a[i]` (Q2f, int64), `Gb[o] += g[o]` (Qf);
/// 4. update: `W[o,i] = sat16(W[o,i] − rs(lrq · rs(G[o,i], f), f))`, `b[o] = sat16(b[o] − rs(lrq·Gb[o], f))`.
///
/// Example (f = 10): w = 0.5 → 512; a = 1.0 → 1024, g = 0.25 → 256, lr = 0.01 → lrq = 10:
/// G = 256·1024 = 262,144 (Q20) → rs(·,10) = 256 → 10·256 = 2,560 → rs(·,10) = 3 → w = 509 (0.49707).
/// Updates below half an LSB vanish, as they would on the device.
public final class FixedPointSGD {
    public let mlp: MLP
    public let loss: FederatedLoss
    public let fractionalBits: Int
    private var w: [Int32]
    private var acts: [[Int32]]
    private let isBias: [Bool]

    /// A trainer for `mlp` with `fractionalBits` in 4...14.
    public init(mlp: MLP, loss: FederatedLoss, fractionalBits: Int) {
        self.mlp = mlp
        self.loss = loss
        self.fractionalBits = fractionalBits
        w = []
        acts = mlp.sizes.map { [Int32](repeating: 0, count: $0) }
        var mask = [Bool](repeating: false, count: mlp.parameterCount)
        for l in 0..<mlp.layerCount { for o in 0..<mlp.sizes[l + 1] { mask[mlp.biasOffsets[l] + o] = true } }
        isBias = mask
    }

    @inline(__always) private func rs(_ v: Int64, _ s: Int) -> Int64 { s == 0 ? v : (v + (1 << (s - 1))) >> s }
    @inline(__always) private func sat16(_ v: Int64) -> Int32 { Int32(max(-32768, min(32767, v))) }
    @inline(__always) private func sat32(_ v: Int64) -> Int32 { Int32(max(Int64(Int32.min), min(Int64(Int32.max), v))) }

    /// Float → Qf, rounded to nearest, saturated to `limit`.
    func toQ(_ x: Float, _ limit: Int64) -> Int64 {
        guard x.isFinite else { return x > 0 ? limit : -limit }
        let v = (Double(x) * Double(1 << fractionalBits)).rounded()
        return Int64(max(Double(-limit - 1), min(Double(limit), v)))
    }

    /// Trains `initial` (float parameters, converted to Q once) with `epochs` passes over
    /// `samples` in batches of `batchSize`; returns the trained parameters as floats.
    public func train(initial: [Float], samples: SampleSet, lr: Float, epochs: Int, batchSize: Int) -> [Float] {
        let f = fractionalBits
        w = initial.map { Int32(toQ($0, 32767)) }
        let lrq = toQ(lr, 32767)
        var grad = [Int64](repeating: 0, count: mlp.parameterCount)
        let n = samples.count
        for _ in 0..<epochs {
            var start = 0
            while start < n {
                let end = min(start + batchSize, n), batch = end - start
                for i in 0..<grad.count { grad[i] = 0 }
                for s in start..<end { accumulate(samples, s, batch: batch, into: &grad) }
                for i in 0..<w.count {
                    let g = isBias[i] ? grad[i] : rs(grad[i], f)
                    w[i] = sat16(Int64(w[i]) - rs(lrq * g, f))
                }
                start = end
            }
        }
        let scale = 1 / Float(1 << f)
        return w.map { Float($0) * scale }
    }

    private func accumulate(_ data: SampleSet, _ s: Int, batch: Int, into grad: inout [Int64]) {
        let f = fractionalBits, last = mlp.layerCount - 1
        for i in 0..<data.inputWidth { acts[0][i] = sat32(toQ(data.inputs[s * data.inputWidth + i], Int64(Int32.max))) }
        for l in 0...last {
            let nIn = mlp.sizes[l], nOut = mlp.sizes[l + 1], wo = mlp.weightOffsets[l], bo = mlp.biasOffsets[l]
            for o in 0..<nOut {
                var acc: Int64 = 0
                for i in 0..<nIn { acc += Int64(w[wo + o * nIn + i]) * Int64(acts[l][i]) }
                let z = sat32(Int64(w[bo + o]) + rs(acc, f))
                acts[l + 1][o] = (l < last && z < 0) ? 0 : z
            }
        }
        let m = mlp.outputCount
        var g = [Int64](repeating: 0, count: m)
        switch loss {
        case .meanSquaredError:
            for o in 0..<m {
                let t = toQ(data.targets[s * data.targetWidth + o], Int64(Int32.max))
                g[o] = 2 * (Int64(acts[last + 1][o]) - t) / Int64(batch * m)
            }
        case .softmaxCrossEntropy:
            let z = acts[last + 1].map { Double($0) / Double(1 << f) }
            let mx = z.max()!
            let e = z.map { Foundation.exp($0 - mx) }, sum = e.reduce(0, +)
            let label = Int(data.targets[s * data.targetWidth])
            for o in 0..<m { g[o] = Int64(((e[o] / sum - (o == label ? 1 : 0)) * Double(1 << f)).rounded()) / Int64(batch) }
        }
        for l in stride(from: last, through: 0, by: -1) {
            let nIn = mlp.sizes[l], nOut = mlp.sizes[l + 1], wo = mlp.weightOffsets[l], bo = mlp.biasOffsets[l]
            var dx = [Int64](repeating: 0, count: nIn)
            for o in 0..<nOut {
                for i in 0..<nIn {
                    if l > 0 { dx[i] += g[o] * Int64(w[wo + o * nIn + i]) }
                    grad[wo + o * nIn + i] += g[o] * Int64(acts[l][i])
                }
                grad[bo + o] += g[o]
            }
            if l > 0 { g = (0..<nIn).map { acts[l][$0] > 0 ? rs(dx[$0], f) : 0 } }
        }
    }
}
