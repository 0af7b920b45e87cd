import Foundation

/// Softmax cross-entropy from logits, computed stably with log-sum-exp:
/// `L = log Σ_j e^{z_j − m} + m − Σ_i t_i z_i` (for Σ t = 1), `∂L/∂z = softmax(z) − t`.
/// Example: z = [0, ln 3], label 1 → p = [0.25, 0.75], L = −ln 0.75 = 0.287682, ∂z = [0.25, −0.25].
enum SoftmaxCrossEntropy {
    static func evaluate(logits z: [Double], target: Target) -> (loss: Double, gradient: [Double]) {
        let t = Loss.dense(target, count: z.count)
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let sum = e.reduce(0, +)
        let logSum = log(sum) + m
        var loss = 0.0
        for i in z.indices where t[i] != 0 { loss -= t[i] * (z[i] - logSum) }
        let p = e.map { $0 / sum }
        let totalT = t.reduce(0, +)
        return (loss, z.indices.map { p[$0] * totalT - t[$0] })
    }
}
