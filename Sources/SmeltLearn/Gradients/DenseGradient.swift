import SmeltIR

/// Dense `y = act(W·x + b)` with `W` `[out, in]`, and its backward pass.
///
/// With `g = dy · act'(y)`: `∂x[i] = Σ_o g[o]·W[o, i]`, `∂W[o, i] = g[o]·x[i]`, `∂b[o] = g[o]`.
/// Example: W = [[1, 2]], b = [0.5], x = [3, −1], no activation → y = [1.5]; with dy = [2]:
/// ∂x = [2, 4], ∂W = [[6, −2]], ∂b = [2].
struct DenseGradient: GradientOp {
    let inFeatures: Int, outFeatures: Int
    let activation: Activation

    func forward(_ x: [[Double]]) -> [Double] {
        let (n, m) = (inFeatures, outFeatures)
        var y = [Double](repeating: 0, count: m)
        x[0].withUnsafeBufferPointer { xp in
            x[1].withUnsafeBufferPointer { wp in
                for o in 0..<m {
                    var acc = x.count > 2 ? x[2][o] : 0
                    let row = o * n
                    for i in 0..<n { acc += wp[row + i] * xp[i] }
                    y[o] = activation.apply(acc)
                }
            }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let (n, m) = (inFeatures, outFeatures)
        let g = activation.backward(output: y, gradient: dy)
        var result: [[Double]?] = Array(repeating: nil, count: x.count)
        if wanted[0] {
            var dx = [Double](repeating: 0, count: n)
            x[1].withUnsafeBufferPointer { wp in
                dx.withUnsafeMutableBufferPointer { dp in
                    for o in 0..<m where g[o] != 0 {
                        let go = g[o], row = o * n
                        for i in 0..<n { dp[i] += go * wp[row + i] }
                    }
                }
            }
            result[0] = dx
        }
        if wanted[1] {
            var dw = [Double](repeating: 0, count: n * m)
            x[0].withUnsafeBufferPointer { xp in
                dw.withUnsafeMutableBufferPointer { dp in
                    for o in 0..<m where g[o] != 0 {
                        let go = g[o], row = o * n
                        for i in 0..<n { dp[row + i] = go * xp[i] }
                    }
                }
            }
            result[1] = dw
        }
        if x.count > 2, wanted[2] { result[2] = g }
        return result
    }
}
