import SmeltIR

/// A Dense/Conv2D/DepthwiseConv2D with a per-output-channel scale (input 3, see `Op`):
/// `y = act(scale ⊙ (W∗x) + b)`, built around the layer's own gradient op run without bias and
/// activation (`inner`, which computes `p = W∗x`).
///
/// Backward, with `g = dy · act'(y)` and `c` the channel (the last axis):
/// `∂b[c] = Σ g`, `∂scale[c] = Σ g·p`, and `inner` receives `g·scale[c]` for `∂x` and `∂W`.
/// So a shared kernel used by several scaled layers collects every user's gradient, each
/// weighted by that user's own scale.
/// Example (Dense 1→1): W = 2, x = 3, scale = −0.5, b = 1 → p = 6, y = −2; dy = 1 →
/// ∂b = 1, ∂scale = 6, ∂W = −0.5·3 = −1.5, ∂x = −0.5·2 = −1.
struct ChannelScaleGradient: GradientOp {
    let inner: any GradientOp
    let channels: Int
    let activation: Activation

    func forward(_ x: [[Double]]) -> [Double] {
        let p = inner.forward([x[0], x[1]])
        return scaled(p, x)
    }

    private func scaled(_ p: [Double], _ x: [[Double]]) -> [Double] {
        let (b, s) = (x[2], x[3])
        var y = p
        for i in y.indices { let c = i % channels; y[i] = activation.apply(s[c] * p[i] + b[c]) }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let p = inner.forward([x[0], x[1]])
        let g = activation.backward(output: y, gradient: dy)
        let s = x[3]
        var result: [[Double]?] = Array(repeating: nil, count: x.count)
        if wanted[0] || wanted[1] {
            var gp = g
            for i in gp.indices { gp[i] *= s[i % channels] }
            let r = inner.backward([x[0], x[1]], output: p, gradient: gp, wanted: [wanted[0], wanted[1]])
            result[0] = r[0]
            result[1] = r[1]
        }
        if wanted[2] {
            var db = [Double](repeating: 0, count: channels)
            for i in g.indices { db[i % channels] += g[i] }
            result[2] = db
        }
        if wanted[3] {
            var ds = [Double](repeating: 0, count: channels)
            for i in g.indices { ds[i % channels] += g[i] * p[i] }
            result[3] = ds
        }
        return result
    }
}
