import SmeltIR
import SmeltQuant

/// The integer kernels of `IntegerInterpreter`, one op per file. Tensors are flat row-major
/// `[Int32]` arrays holding int8 / int16 values; every step follows docs/contracts.md.
enum IntegerKernels {}

extension Requantization {
    /// Requantizes the accumulator of output channel `c` and clamps it:
    /// int8 — `MultiplyByQuantizedMultiplier` on the int32 accumulator (`acc` truncated to 32 bits:
    /// int32 accumulation wraps); int16 — the wide (int64) variant; pow2 — `roundingShift`.
    /// Then `clamp(r + zp_out, activationMin, activationMax)`, the sum taken in int64.
    /// Example: int8, `acc 1000`, `M 1077952576`, `shift −7`, `zp_out −128` → `4 − 128 = −124`.
    func requantize(_ acc: Int64, channel c: Int) -> Int32 {
        let r: Int32
        switch scheme {
        case .int8:
            let m = multipliers[c]
            r = FixedPoint.multiplyByQuantizedMultiplier(Int32(truncatingIfNeeded: acc), m.multiplier, m.shift)
        case .int16:
            let m = multipliers[c]
            r = FixedPoint.multiplyByQuantizedMultiplierWide(acc, m.multiplier, m.shift)
        case .pow2:
            r = FixedPoint.roundingShift(Int32(truncatingIfNeeded: acc), shifts[c])
        }
        return clampOutput(Int64(r) + Int64(outputZeroPoint))
    }

    /// `min(max(v, activationMin), activationMax)`.
    func clampOutput(_ v: Int64) -> Int32 {
        Int32(min(max(v, Int64(activationMin)), Int64(activationMax)))
    }
}
