/// Mean-squared error over the output values: `L = (1/n) Σ (y_i − t_i)²`, `∂L/∂y_i = 2(y_i − t_i)/n`.
/// Example: y = [1, 3], t = [0, 1] → L = (1 + 4)/2 = 2.5, ∂y = [1, 2].
enum MeanSquaredError {
    static func evaluate(_ y: [Double], target: Target) -> (loss: Double, gradient: [Double]) {
        let t = Loss.dense(target, count: y.count)
        let n = Double(y.count)
        var loss = 0.0
        var g = [Double](repeating: 0, count: y.count)
        for i in y.indices {
            let d = y[i] - t[i]
            loss += d * d
            g[i] = 2 * d / n
        }
        return (loss / n, g)
    }
}
