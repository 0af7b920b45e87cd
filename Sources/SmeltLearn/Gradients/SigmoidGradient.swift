import Foundation

/// Sigmoid `y = 1 / (1 + e^−x)` and its backward pass `∂x = dy · y · (1 − y)`.
/// Example: x = 0 → y = 0.5, dy = 1 → ∂x = 0.25.
struct SigmoidGradient: GradientOp {
    func forward(_ x: [[Double]]) -> [Double] {
        x[0].map { v in
            if v >= 0 { return 1 / (1 + exp(-v)) }
            let e = exp(v)
            return e / (1 + e)
        }
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        return [zip(y, dy).map { $1 * $0 * (1 - $0) }]
    }
}
