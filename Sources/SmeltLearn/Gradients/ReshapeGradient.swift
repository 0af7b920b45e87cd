/// Reshape and Flatten: the values are unchanged (row-major), so the gradient passes through as is.
/// Example: dy = [1, 2, 3, 4] for a `[2, 2]` → `[4]` flatten → ∂x = [1, 2, 3, 4].
struct ReshapeGradient: GradientOp {
    func forward(_ x: [[Double]]) -> [Double] { x[0] }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        [wanted[0] ? dy : nil]
    }
}
