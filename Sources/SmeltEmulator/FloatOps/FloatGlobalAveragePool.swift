/// Mean over H and W of an `[H, W, C]` tensor, giving `[C]`.
/// Example: a 2×1×2 input [[1, 10], [3, 20]] gives [2, 15].
enum FloatGlobalAveragePool {
    static func run(_ x: [Float], inputShape: [Int]) -> [Float] {
        let c = inputShape[2]
        let positions = inputShape[0] * inputShape[1]
        var out = [Float](repeating: 0, count: c)
        for p in 0..<positions {
            for ch in 0..<c { out[ch] += x[p * c + ch] }
        }
        return out.map { $0 / Float(positions) }
    }
}
