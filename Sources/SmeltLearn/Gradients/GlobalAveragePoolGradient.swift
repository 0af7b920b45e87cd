/// GlobalAveragePool `[H, W, C]` → `[C]` (mean over H and W), and its backward pass:
/// `∂x[h, w, c] = dy[c] / (H·W)`.
/// Example: 2×2×1 input, dy = [4] → ∂x = [1, 1, 1, 1].
struct GlobalAveragePoolGradient: GradientOp {
    let positions: Int, channels: Int

    init(inputShape: [Int]) {
        positions = inputShape[0] * inputShape[1]
        channels = inputShape[2]
    }

    func forward(_ x: [[Double]]) -> [Double] {
        var y = [Double](repeating: 0, count: channels)
        for p in 0..<positions { for c in 0..<channels { y[c] += x[0][p * channels + c] } }
        return y.map { $0 / Double(positions) }
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        let share = dy.map { $0 / Double(positions) }
        var dx = [Double](repeating: 0, count: positions * channels)
        for p in 0..<positions { for c in 0..<channels { dx[p * channels + c] = share[c] } }
        return [dx]
    }
}
