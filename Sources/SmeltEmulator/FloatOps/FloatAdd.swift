import SmeltIR

/// Elementwise sum of two tensors of the same shape, then the fused activation:
/// `y[i] = act(a[i] + b[i])`.
enum FloatAdd {
    static func run(_ a: [Float], _ b: [Float], activation: Activation) -> [Float] {
        var out = [Float](repeating: 0, count: a.count)
        for i in 0..<a.count { out[i] = activation.apply(a[i] + b[i]) }
        return out
    }
}
