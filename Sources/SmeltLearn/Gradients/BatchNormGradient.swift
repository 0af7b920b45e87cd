import Foundation

/// BatchNorm as an inference-time affine op per channel (last axis), with the running statistics
/// fixed: `y = γ·(x − μ)/√(σ² + ε) + β`. Training mode (batch statistics) is not implemented:
/// the mean and variance are constants of the graph and the trainer leaves them alone by default.
///
/// Backward, with `s = 1/√(σ² + ε)`: `∂x = dy·γ·s`, `∂γ = Σ dy·(x − μ)·s`, `∂β = Σ dy`, and — only
/// when asked for explicitly — `∂μ = −Σ dy·γ·s`, `∂σ² = −½ Σ dy·γ·(x − μ)·s³`.
/// Example: x 3, γ 2, β 1, μ 1, σ² 3, ε 1 → s = 0.5, y = 3; dy = 1 → ∂x = 1, ∂γ = 1, ∂β = 1.
struct BatchNormGradient: GradientOp {
    let channels: Int
    let epsilon: Double

    func forward(_ x: [[Double]]) -> [Double] {
        let (gamma, beta, mean, variance) = (x[1], x[2], x[3], x[4])
        let scale = (0..<channels).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
        return x[0].indices.map { i in
            let c = i % channels
            return (x[0][i] - mean[c]) * scale[c] + beta[c]
        }
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let (gamma, mean, variance) = (x[1], x[3], x[4])
        let s = (0..<channels).map { 1 / (variance[$0] + epsilon).squareRoot() }
        var dx = [Double](repeating: 0, count: wanted[0] ? x[0].count : 0)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: channels), count: 5)
        for i in x[0].indices {
            let c = i % channels
            let centered = x[0][i] - mean[c]
            if wanted[0] { dx[i] = dy[i] * gamma[c] * s[c] }
            sums[1][c] += dy[i] * centered * s[c]
            sums[2][c] += dy[i]
            sums[3][c] -= dy[i] * gamma[c] * s[c]
            sums[4][c] -= 0.5 * dy[i] * gamma[c] * centered * s[c] * s[c] * s[c]
        }
        sums[0] = dx
        return zip(sums, wanted).map { $1 ? $0 : nil }
    }
}
