import SmeltIR

/// Fully connected layer: `y[o] = act(bias[o] + Σ_i weight[o, i] · x[i])`, weight `[out, in]`.
enum FloatDense {
    static func run(_ x: [Float], weight: [Float], bias: [Float]?, outFeatures: Int, activation: Activation) -> [Float] {
        let inFeatures = x.count
        var out = [Float](repeating: 0, count: outFeatures)
        x.withUnsafeBufferPointer { xp in
            weight.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { op in
                    for o in 0..<outFeatures {
                        var acc: Float = bias?[o] ?? 0
                        let row = o * inFeatures
                        for i in 0..<inFeatures { acc += wp[row + i] * xp[i] }
                        op[o] = activation.apply(acc)
                    }
                }
            }
        }
        return out
    }
}
