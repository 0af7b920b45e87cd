import Foundation

/// Adam with bias correction at 1-based step `t`:
/// `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)`.
/// Example (lr 0.1, β 0.9/0.999): w = 1, g = 2 → w ≈ 0.9 (the first step moves by lr·sign(g)).
enum Adam {
    static func update(_ w: inout [Double], _ g: [Double], m: inout [Double], v: inout [Double], step t: Int,
                       beta1: Double, beta2: Double, epsilon: Double, learningRate lr: Double) {
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        for i in w.indices {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            w[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
        }
    }
}
