/// ReLU6 `y = min(max(x, 0), 6)` and its backward pass `∂x = dy` where `0 < x < 6`, else 0.
/// Example: x = [−1, 3, 7], dy = [1, 1, 1] → ∂x = [0, 1, 0].
struct ReLU6Gradient: GradientOp {
    func forward(_ x: [[Double]]) -> [Double] { x[0].map { min(max($0, 0), 6) } }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        return [zip(x[0], dy).map { $0 > 0 && $0 < 6 ? $1 : 0 }]
    }
}
