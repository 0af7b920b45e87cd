import Foundation

/// Inference-time batch normalization per channel of the last axis:
/// `y = γ[c] · (x − μ[c]) / √(σ²[c] + ε) + β[c]`, with `c = index mod C`.
/// Example: x 3, γ 2, β 1, μ 1, σ² 3, ε 1 → 2 · 2 / 2 + 1 = 3.
enum FloatBatchNorm {
    static func run(_ x: [Float], gamma: [Float], beta: [Float], mean: [Float], variance: [Float], epsilon: Float) -> [Float] {
        let c = gamma.count
        let scale = (0..<c).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
        var out = [Float](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let ch = i % c
            out[i] = (x[i] - mean[ch]) * scale[ch] + beta[ch]
        }
        return out
    }
}
