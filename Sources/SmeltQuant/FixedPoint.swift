/// TFLite's fixed-point arithmetic: a real multiplier as an int32 `M` and a power-of-two `shift`,
/// and the integer operations that apply it to an accumulator.
///
/// Every function here is total (defined for every input) and written to be reproduced line for
/// line in C: signed right shifts are arithmetic, `/` truncates toward zero.
///
/// Worked example, the requantization of a Dense layer with `s_in · s_w / s_out = 1/255`:
///
/// 1. `quantizeMultiplier(0.00392156862745098)`: `frexp` gives `0.50196078… × 2^-7`;
///    `0.50196078… × 2^31 = 1077952576.25`, rounded to `M = 1077952576`; `shift = -7`.
///    So the real multiplier is `M · 2^(shift − 31)`.
/// 2. `multiplyByQuantizedMultiplier(1000, 1077952576, -7)`: no left shift;
///    `saturatingRoundingDoublingHighMul(1000, M) = (1000·M + 2^30) / 2^31 = 502` (502.46 truncated);
///    `roundingDivideByPOT(502, 7) = 4` (502 / 128 = 3.92, rounded to nearest). `1000 / 255 = 3.92 → 4`.
public enum FixedPoint {
    /// TFLite's `QuantizeMultiplier`: `real ≈ multiplier · 2^(shift − 31)` with `multiplier` in
    /// `[2^30, 2^31 − 1]` (Q31 of a value in [0.5, 1)).
    ///
    /// `frexp(real) = q · 2^e`, `q ∈ [0.5, 1)`; `multiplier = round(q · 2^31)` (half away from zero);
    /// if that rounds up to `2^31` it is halved and `shift = e + 1`, else `shift = e`.
    /// A multiplier below about `2^-31` (`shift < −31`) flushes to `(0, 0)`, and one at or above `2^30`
    /// (`shift > 30`) saturates to `(2^31 − 1, 30)`, so `shift` is always in `[-31, 30]`.
    /// Example: `1.0 → (1073741824, 1)`, `0.75 → (1610612736, 0)`, `0 → (0, 0)`.
    /// - Precondition: `real` is finite and non-negative.
    public static func quantizeMultiplier(_ real: Double) -> (multiplier: Int32, shift: Int) {
        precondition(real.isFinite && real >= 0, "quantizeMultiplier needs a finite non-negative real, got \(real)")
        if real == 0 { return (0, 0) }
        // frexp without Foundation: real = significand · 2^exponent, significand in [1, 2).
        let q = real.significand / 2
        var shift = Int(real.exponent) + 1
        var qFixed = Int64((q * 2_147_483_648.0).rounded(.toNearestOrAwayFromZero))
        if qFixed == Int64(1) << 31 {
            qFixed /= 2
            shift += 1
        }
        if shift < -31 { return (0, 0) }
        if shift > 30 { return (Int32.max, 30) }
        return (Int32(qFixed), shift)
    }

    /// gemmlowp's `SaturatingRoundingDoublingHighMul`: `a · b / 2^31` rounded to nearest, ties
    /// toward +∞, with the single overflowing case `INT32_MIN · INT32_MIN` saturated to `INT32_MAX`.
    ///
    /// Formula: `ab = a·b` in int64; `nudge = ab ≥ 0 ? 2^30 : 1 − 2^30`; result `(ab + nudge) / 2^31`
    /// with C division (truncation toward zero).
    /// Examples: `(1000, 1077952576) → 502`; `(1, 2^30) → 1` (0.5 → 1); `(−1, 2^30) → 0` (−0.5 → 0:
    /// `−2^30 + 1 − 2^30 = −2^31 + 1` truncates to 0); `(−3, 2^30) → −1` (−1.5 → −1).
    public static func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
        if a == Int32.min && b == Int32.min { return Int32.max }
        let ab = Int64(a) * Int64(b)
        let nudge: Int64 = ab >= 0 ? (1 << 30) : (1 - (1 << 30))
        return Int32((ab + nudge) / (1 << 31))
    }

    /// gemmlowp's `RoundingDivideByPOT`: `x / 2^exponent` rounded to nearest, ties away from zero.
    ///
    /// `mask = 2^exponent − 1`, `remainder = x & mask`, `threshold = (mask >> 1) + (x < 0 ? 1 : 0)`,
    /// result `(x >> exponent) + (remainder > threshold ? 1 : 0)` (arithmetic shift).
    /// Examples: `(5, 1) → 3` (2.5 → 3), `(−5, 1) → −3` (−2.5 → −3), `(−6, 2) → −2` (−1.5 → −2).
    /// - Precondition: `exponent` in `0...31`.
    public static func roundingDivideByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
        precondition((0...31).contains(exponent), "roundingDivideByPOT exponent \(exponent) outside 0...31")
        let mask = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> Int32(exponent)) + (remainder > threshold ? 1 : 0)
    }

    /// TFLite's `MultiplyByQuantizedMultiplier` for int32 accumulators, the reference form that
    /// rounds twice: `RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x · 2^left, M), right)`
    /// with `left = max(shift, 0)`, `right = max(−shift, 0)`.
    ///
    /// `x · 2^left` is computed in int64 and clamped to int32 (TFLite leaves the overflow
    /// undefined; for every non-overflowing input the two agree).
    /// Examples: `(1000, 1077952576, −7) → 4`; `(3, 1073741824, 1) → 3` (multiplier 1.0 is exact).
    ///
    /// A **negative multiplier** (a channel whose scale is negative, see docs/kernel-sharing.md)
    /// means `−MBQM(x, −M, shift)`: the magnitude is rounded as above and the sign applied after,
    /// so a channel scale of −s gives exactly the negation of +s. The result cannot be `INT32_MIN`
    /// (|SRDHM| < 2^31 − 1 for `M` ≤ 2^31 − 1), so the negation never overflows.
    /// Example: `(1000, −1077952576, −7) → −4`.
    /// - Precondition: `shift` in `-31...30` (what `quantizeMultiplier` returns), `M ≠ INT32_MIN`.
    public static func multiplyByQuantizedMultiplier(_ x: Int32, _ multiplier: Int32, _ shift: Int) -> Int32 {
        precondition((-31...30).contains(shift), "requantization shift \(shift) outside -31...30")
        precondition(multiplier != Int32.min, "requantization multiplier INT32_MIN")
        if multiplier < 0 { return -multiplyByQuantizedMultiplier(x, -multiplier, shift) }
        let left = max(shift, 0)
        let right = max(-shift, 0)
        let shifted = Int32(clamping: Int64(x) << Int64(left))
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, multiplier), right)
    }

    /// TFLite's `MultiplyByQuantizedMultiplier(int64_t x, …)`, used for the int64 accumulators of
    /// the int16 ("16x8") scheme; it rounds once, with a 16-bit multiplier.
    ///
    /// `reduced = M < 0x7FFF0000 ? (M + 2^15) >> 16 : 0x7FFF`; `total = 15 − shift`;
    /// result `(x · reduced + 2^(total−1)) >> total`, clamped to int32. `x` is first clamped to
    /// `[−2^47, 2^47 − 1]`, the range TFLite assumes, so the product cannot overflow.
    /// Example: `(1000, 1077952576, −7)`: reduced = 16448, total = 22,
    /// `(16448000 + 2^21) >> 22 = 4`.
    /// A negative multiplier means `sat32(−r)` with `r` the int64 result for `−M` (before clamping).
    /// - Precondition: `multiplier ≠ INT32_MIN`, `shift` in `-31...14`.
    public static func multiplyByQuantizedMultiplierWide(_ x: Int64, _ multiplier: Int32, _ shift: Int) -> Int32 {
        precondition(multiplier != Int32.min && (-31...14).contains(shift), "wide requantization needs M ≠ INT32_MIN and shift in -31...14")
        if multiplier < 0 { return Int32(clamping: -wideUnclamped(x, -multiplier, shift)) }
        return Int32(clamping: wideUnclamped(x, multiplier, shift))
    }

    /// The int64 result of the wide requantization for `M ≥ 0`, before the int32 clamp.
    private static func wideUnclamped(_ x: Int64, _ multiplier: Int32, _ shift: Int) -> Int64 {
        let reduced: Int64 = multiplier < 0x7FFF_0000 ? (Int64(multiplier) + (1 << 15)) >> 16 : 0x7FFF
        let total = Int64(15 - shift)
        let xc = min(max(x, -(Int64(1) << 47)), (Int64(1) << 47) - 1)
        return (xc * reduced + (Int64(1) << (total - 1))) >> total
    }

    /// The shift-only requantization of the pow2 scheme: `roundingDivideByPOT(x, r)` for a right
    /// shift `r > 0`, and `x · 2^−r` computed in int64 and clamped to int32 for `r ≤ 0`.
    /// Examples: `(300, 4) → 19` (18.75), `(−24, 4) → −2` (−1.5 → −2), `(5, −3) → 40`.
    /// - Precondition: `rightShift` in `-31...31`.
    public static func roundingShift(_ x: Int32, _ rightShift: Int) -> Int32 {
        precondition((-31...31).contains(rightShift), "pow2 shift \(rightShift) outside -31...31")
        if rightShift > 0 { return roundingDivideByPOT(x, rightShift) }
        return Int32(clamping: Int64(x) << Int64(-rightShift))
    }
}
