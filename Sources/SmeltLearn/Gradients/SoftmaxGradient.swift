import Foundation

/// Softmax over the last axis and its backward pass, row by row:
/// `∂x_i = y_i · (dy_i − Σ_j dy_j · y_j)` (the Jacobian `diag(y) − y yᵀ` applied to `dy`).
/// Example: x = [0, 0] → y = [0.5, 0.5]; dy = [1, 0] → Σ = 0.5, ∂x = [0.25, −0.25].
struct SoftmaxGradient: GradientOp {
    let rowLength: Int

    static func softmax(_ x: ArraySlice<Double>) -> [Double] {
        let m = x.max() ?? 0
        let e = x.map { exp($0 - m) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    func forward(_ x: [[Double]]) -> [Double] {
        var y: [Double] = []
        y.reserveCapacity(x[0].count)
        var start = 0
        while start < x[0].count {
            y.append(contentsOf: Self.softmax(x[0][start..<(start + rowLength)]))
            start += rowLength
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        var dx = [Double](repeating: 0, count: y.count)
        var start = 0
        while start < y.count {
            var dot = 0.0
            for i in start..<(start + rowLength) { dot += dy[i] * y[i] }
            for i in start..<(start + rowLength) { dx[i] = y[i] * (dy[i] - dot) }
            start += rowLength
        }
        return [dx]
    }
}
