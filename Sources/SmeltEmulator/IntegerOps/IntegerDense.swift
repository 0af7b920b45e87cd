import SmeltQuant

extension IntegerKernels {
    /// Dense: `acc[o] = bias[o] + Σ_i (x[i] − zp_in) · w[o, i]`, then `rq.requantize(acc, o)`.
    /// int8 / pow2 accumulate in int32 (wrapping), int16 in int64.
    /// Example (int8): `x = [10, −5]`, `zp_in = 2`, `w = [[3, 4]]`, `bias = [100]` →
    /// `acc = 100 + 8·3 + (−7)·4 = 96`.
    static func dense(_ x: [Int32], weight w: [Int32], bias: [Int64]?, inFeatures n: Int, outFeatures m: Int,
                      rq: Requantization) -> [Int32] {
        let zp = Int64(rq.inputZeroPoints[0])
        return (0..<m).map { o in
            var acc = bias?[o] ?? 0
            for i in 0..<n { acc += (Int64(x[i]) - zp) * Int64(w[o * n + i]) }
            return rq.requantize(acc, channel: o)
        }
    }
}
