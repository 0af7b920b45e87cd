/// Heavy-ball momentum: `v ← μ·v + g`, `w ← w − lr·v`.
/// Example: μ 0.9, lr 0.1, g = 1 twice from w = 0 → v = 1, w = −0.1; v = 1.9, w = −0.29.
enum Momentum {
    static func update(_ w: inout [Double], _ g: [Double], velocity v: inout [Double], momentum mu: Double, learningRate lr: Double) {
        for i in w.indices {
            v[i] = mu * v[i] + g[i]
            w[i] -= lr * v[i]
        }
    }
}
