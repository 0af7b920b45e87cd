/// Plain SGD: `w ← w − lr·g`. Example: w = 1, g = 2, lr 0.1 → 0.8.
enum SGD {
    static func update(_ w: inout [Double], _ g: [Double], learningRate lr: Double) {
        for i in w.indices { w[i] -= lr * g[i] }
    }
}
