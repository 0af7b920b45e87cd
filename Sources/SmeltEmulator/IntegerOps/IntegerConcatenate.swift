import SmeltQuant

extension IntegerKernels {
    /// Concatenate along the last axis; each input is requantized to the output parameters:
    /// int8 / int16 `clamp(MBQM(x − zp_in, M_i) + zp_out)` (a plain copy when the parameters are
    /// equal: the multiplier of 1.0 is exact); pow2 `clamp(roundingShift(x, shifts[i]))`.
    static func concatenate(_ inputs: [[Int32]], channels: [Int], rq: Requantization) -> [Int32] {
        let outer = inputs[0].count / channels[0]
        var out: [Int32] = []
        out.reserveCapacity(outer * channels.reduce(0, +))
        for p in 0..<outer {
            for (i, x) in inputs.enumerated() {
                for c in 0..<channels[i] {
                    let v = x[p * channels[i] + c]
                    if rq.scheme == .pow2 {
                        out.append(rq.clampOutput(Int64(FixedPoint.roundingShift(v, rq.shifts[i]))))
                    } else {
                        let m = rq.multipliers[i]
                        let r = FixedPoint.multiplyByQuantizedMultiplier(v - rq.inputZeroPoints[i], m.multiplier, m.shift)
                        out.append(rq.clampOutput(Int64(r) + Int64(rq.outputZeroPoint)))
                    }
                }
            }
        }
        return out
    }
}
