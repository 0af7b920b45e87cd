import SmeltIR

/// Add `y = act(a + b)` and its backward pass: both operands receive `dy · act'(y)`
/// (twice the gradient, summed by the engine, when `a` and `b` are the same tensor).
/// Example: ReLU fused, a + b = [−1, 2], dy = [3, 3] → ∂a = ∂b = [0, 3].
struct AddGradient: GradientOp {
    let activation: Activation

    func forward(_ x: [[Double]]) -> [Double] {
        zip(x[0], x[1]).map { activation.apply($0 + $1) }
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let g = activation.backward(output: y, gradient: dy)
        return wanted.map { $0 ? g : nil }
    }
}
