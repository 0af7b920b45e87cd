/// ReLU `y = max(x, 0)` and its backward pass `∂x = dy` where `x > 0`, else 0 (the kink at 0 gets 0).
/// Example: x = [−1, 2], dy = [5, 5] → ∂x = [0, 5].
struct ReLUGradient: GradientOp {
    func forward(_ x: [[Double]]) -> [Double] { x[0].map { max($0, 0) } }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        return [zip(x[0], dy).map { $0 > 0 ? $1 : 0 }]
    }
}
