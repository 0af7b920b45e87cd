import SmeltQuant

extension IntegerKernels {
    /// Add, TFLite's integer form. int8 / int16 (`L = rq.addLeftShift`, 20 or 15):
    /// `a' = MBQM((a − zp_a) · 2^L, M_a)`, `b' = MBQM((b − zp_b) · 2^L, M_b)`,
    /// `out = clamp(MBQM(a' + b', M_out) + zp_out)` (MBQM = `FixedPoint.multiplyByQuantizedMultiplier`,
    /// all int32). pow2: `a' = roundingShift(a, shifts[0])`, `b' = roundingShift(b, shifts[1])`,
    /// `out = clamp(roundingShift(a' + b', shifts[2]))`.
    static func add(_ a: [Int32], _ b: [Int32], rq: Requantization) -> [Int32] {
        zip(a, b).map { x, y in
            if rq.scheme == .pow2 {
                let s = FixedPoint.roundingShift(x, rq.shifts[0]) &+ FixedPoint.roundingShift(y, rq.shifts[1])
                return rq.clampOutput(Int64(FixedPoint.roundingShift(s, rq.shifts[2])))
            }
            let m = rq.multipliers
            let xs = (x - rq.inputZeroPoints[0]) << Int32(rq.addLeftShift)
            let ys = (y - rq.inputZeroPoints[1]) << Int32(rq.addLeftShift)
            let sum = FixedPoint.multiplyByQuantizedMultiplier(xs, m[0].multiplier, m[0].shift)
                &+ FixedPoint.multiplyByQuantizedMultiplier(ys, m[1].multiplier, m[1].shift)
            let r = FixedPoint.multiplyByQuantizedMultiplier(sum, m[2].multiplier, m[2].shift)
            return rq.clampOutput(Int64(r) + Int64(rq.outputZeroPoint))
        }
    }
}
