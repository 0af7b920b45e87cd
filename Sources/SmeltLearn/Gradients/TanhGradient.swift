import Foundation

/// Tanh `y = tanh(x)` and its backward pass `∂x = dy · (1 − y²)`.
/// Example: x = 0 → y = 0, dy = 2 → ∂x = 2.
struct TanhGradient: GradientOp {
    func forward(_ x: [[Double]]) -> [Double] { x[0].map { Foundation.tanh($0) } }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        return [zip(y, dy).map { $1 * (1 - $0 * $0) }]
    }
}
