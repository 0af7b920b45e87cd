/// Concatenation along the last axis, and its backward pass: the gradient is split back into
/// each operand's columns of every row.
/// Example: `[2, 1]` with `[2, 2]` → `[2, 3]`; dy = [a, c, d, b, e, f] → ∂x0 = [a, b], ∂x1 = [c, d, e, f].
struct ConcatenateGradient: GradientOp {
    /// Last-axis width of each operand.
    let widths: [Int]
    let rows: Int

    init(inputShapes: [[Int]]) {
        widths = inputShapes.map { $0.last ?? 1 }
        let total = inputShapes[0].reduce(1, *)
        rows = widths[0] == 0 ? 0 : total / widths[0]
    }

    func forward(_ x: [[Double]]) -> [Double] {
        var y: [Double] = []
        y.reserveCapacity(x.reduce(0) { $0 + $1.count })
        for r in 0..<rows {
            for (k, v) in x.enumerated() { y.append(contentsOf: v[(r * widths[k])..<((r + 1) * widths[k])]) }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        var parts: [[Double]] = widths.map { w in
            var a: [Double] = []
            a.reserveCapacity(w * rows)
            return a
        }
        let total = widths.reduce(0, +)
        for r in 0..<rows {
            var offset = r * total
            for k in 0..<widths.count {
                parts[k].append(contentsOf: dy[offset..<(offset + widths[k])])
                offset += widths[k]
            }
        }
        return zip(parts, wanted).map { $1 ? $0 : nil }
    }
}
