import SmeltQuant

extension IntegerKernels {
    /// Softmax over the last axis, per row of `n` values:
    /// `d_i = x_max − x_i`; `e_i = exp[d_i]` (int8 / pow2, 256-entry Q16 table; int16:
    /// `LookupTables.interpolateExp` at `d_i`); `sum = Σ e_i` (int32); then
    /// `out_i = clamp((e_i · R + sum / 2) / sum + zp_out)` with `R = round(1 / s_out)`, the
    /// numerator in int64 and C division. Example (int8, R 256, zp −128), two equal inputs:
    /// `e = [65536, 65536]`, `sum 131072` → `(16777216 + 65536) / 131072 = 128` → `0`.
    static func softmax(_ x: [Int32], rowLength n: Int, expTable: [Int32], wide: Bool, factor: Int64,
                        rq: Requantization) -> [Int32] {
        var out = [Int32](repeating: 0, count: x.count)
        for row in stride(from: 0, to: x.count, by: n) {
            let xs = x[row..<(row + n)]
            let xMax = xs.max()!
            let e = xs.map { v -> Int32 in
                let d = xMax - v
                return wide ? LookupTables.interpolateExp(expTable, at: d) : expTable[Int(d)]
            }
            let sum = e.reduce(Int32(0), &+)
            for (i, ei) in e.enumerated() {
                let q = (Int64(ei) * factor + Int64(sum / 2)) / Int64(sum)
                out[row + i] = rq.clampOutput(q + Int64(rq.outputZeroPoint))
            }
        }
        return out
    }
}
