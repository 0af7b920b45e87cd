/// Concatenation along the last axis. Each operand is a list of rows of `shape.last` values
/// (the product of the other axes gives the row count, equal for all operands); output row `r`
/// is operand 0's row `r`, then operand 1's row `r`, and so on.
/// Example: `[2, 1]` [a, b] with `[2, 2]` [c, d, e, f] → `[2, 3]` [a, c, d, b, e, f].
enum FloatConcatenate {
    static func run(_ operands: [[Float]], shapes: [[Int]]) -> [Float] {
        let widths = shapes.map { $0.last ?? 1 }
        let rows = widths[0] == 0 ? 0 : operands[0].count / widths[0]
        var out: [Float] = []
        out.reserveCapacity(operands.reduce(0) { $0 + $1.count })
        for r in 0..<rows {
            for (k, v) in operands.enumerated() {
                out.append(contentsOf: v[(r * widths[k])..<((r + 1) * widths[k])])
            }
        }
        return out
    }
}
