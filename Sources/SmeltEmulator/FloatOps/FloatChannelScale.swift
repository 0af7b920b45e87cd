import SmeltIR

/// The per-output-channel scale of a Dense/Conv2D/DepthwiseConv2D (input 3, see `Op`):
/// `y[i] = act(scale[c] · p[i] + bias[c])` with `p = W∗x` and `c = i mod C` (channels last).
/// Example: p = [2, 4], scale = [0.5, −1], bias = [1, 1], ReLU → [2, 0].
enum FloatChannelScale {
    static func run(_ p: [Float], scale: [Float], bias: [Float], activation: Activation) -> [Float] {
        let channels = scale.count
        var y = p
        for i in y.indices {
            let c = i % channels
            y[i] = activation.apply(scale[c] * p[i] + bias[c])
        }
        return y
    }
}
