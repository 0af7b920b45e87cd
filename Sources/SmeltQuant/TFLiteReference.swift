import SmeltIR

/// TFLite Micro's int8 Softmax (reference kernel, `beta` folded into the input scale), as a
/// 256-entry table plus integer steps shared by the integer interpreter and the C kernel
/// `smelt_softmax_tflm_s8` (the generator writes `expTable` and these steps run on it).
///
/// Compile time (Swift only): `input_beta_multiplier, left_shift = QuantizeMultiplier(min(beta · s_in ·
/// 2^26, 2^31 − 1))`; `diff_min = −⌊31 · 2^26 / 2^left_shift⌋`; for each `d = x_max − x` in 0...255:
/// `expTable[d] = d ≤ −diff_min ? expOnNegativeValues(SRDHM(−d · 2^left_shift, multiplier), Q5.26) : 0`
/// (Q0.31; the zero entries are the values TFLM skips, which then add nothing and give −128).
///
/// Per row at run time: `sum = Σ RoundingDivideByPOT(expTable[d_i], 12)` (Q12.19, int32);
/// `(scale, bits) = GemmlowpMath.reciprocal(sum, 12)`;
/// `out_i = clamp(RoundingDivideByPOT(SRDHM(scale, expTable[d_i]), bits + 23) − 128, −128, 127)`.
///
/// Worked example (s_in = 1/16): one row [0, 0] → both e = 2^31 − 1, each adds 2^19, sum = 2^20
/// (2.0), reciprocal scale ≈ 2^31 − 1 with 1 bit over unit, so out = RDBPOT(2^31 − 1, 24) − 128 =
/// 128 − 128 = 0, i.e. probability 0.5 at scale 1/256 and zero point −128.
public struct TFLiteSoftmax: Sendable, Equatable {
    public let inputMultiplier: Int32
    public let inputLeftShift: Int
    public let diffMin: Int32
    /// Q0.31 exponentials indexed by `x_max − x` (0...255).
    public let expTable: [Int32]

    /// Integer bits of the scaled difference (Q5.26) and of the sum of exponentials (Q12.19).
    public static let scaledDiffIntegerBits = 5
    public static let accumulationIntegerBits = 12

    public init(inputScale: Float, beta: Double = 1) {
        let real = min(beta * Double(inputScale) * Double(1 << (31 - Self.scaledDiffIntegerBits)), Double((1 << 31) - 1))
        let (m, shift) = Self.quantizeMultiplierGreaterThanOne(real)
        inputMultiplier = m
        inputLeftShift = shift
        let radius = (Double((1 << Self.scaledDiffIntegerBits) - 1) * Double(Int64(1) << (31 - Self.scaledDiffIntegerBits))
            / Double(Int64(1) << shift)).rounded(.down)
        diffMin = -Int32(radius)
        expTable = (0..<256).map { d -> Int32 in
            guard -Int32(d) >= -Int32(radius) else { return 0 }
            let shifted = Int32(truncatingIfNeeded: Int64(-d) << shift)
            let rescaled = FixedPoint.saturatingRoundingDoublingHighMul(shifted, m)
            return GemmlowpMath.expOnNegativeValues(rescaled, integerBits: Self.scaledDiffIntegerBits)
        }
    }

    /// TFLite's `QuantizeMultiplier` for a real ≥ 1 as TFLite Micro builds it (no saturation of the
    /// shift at 30): `real = m · 2^(shift − 31)`, m in [2^30, 2^31).
    static func quantizeMultiplierGreaterThanOne(_ real: Double) -> (Int32, Int) {
        let q = real.significand / 2
        var shift = Int(real.exponent) + 1
        var fixed = Int64((q * 2_147_483_648.0).rounded(.toNearestOrAwayFromZero))
        if fixed == Int64(1) << 31 { fixed /= 2; shift += 1 }
        return (Int32(fixed), max(shift, 0))
    }

    /// Softmax of one row of int8 values (as Int32) into int8 values (scale 1/256, zero point −128).
    public func run(_ row: ArraySlice<Int32>) -> [Int32] {
        guard let xMax = row.max() else { return [] }
        let e = row.map { expTable[Int(xMax - $0)] }
        var sum: Int32 = 0
        for v in e { sum = sum &+ GemmlowpMath.roundingDivideByPOT(v, Self.accumulationIntegerBits) }
        let (scale, bits) = GemmlowpMath.reciprocal(sum, integerBits: Self.accumulationIntegerBits)
        let exponent = bits + 31 - 8
        return e.map { v in
            let unsat = GemmlowpMath.roundingDivideByPOT(FixedPoint.saturatingRoundingDoublingHighMul(scale, v), exponent)
            return min(max(unsat &- 128, -128), 127)
        }
    }
}

/// TFLite Micro's int8 MEAN over the reduced axes (`n` values per output, reference
/// `QuantizedMeanOrSum`, used even when input and output parameters are equal):
/// `M, s = QuantizeMultiplier(s_in / s_out)`; `k = min(⌊log2 n⌋, 32, 31 + s)`;
/// `M' = (M · 2^k) / n` (int64, truncating); `out = clamp(MBQM(Σx − zp_in · n, M', s − k) + zp_out)`.
///
/// Worked example (equal parameters, n = 36, Σ(x − zp) = 161, mean 4.47): M = 2^30, s = 1, k = 5,
/// M' = 954437176, s' = −4; SRDHM(161, M') = 72 (71.6), RoundingDivideByPOT(72, 4) = 5 (4.5 rounds
/// away from zero) — one more than the correctly rounded 4, as TFLite Micro computes it.
public struct TFLiteMean: Sendable, Equatable {
    public let count: Int
    public let inputZeroPoint: Int32
    public let outputZeroPoint: Int32
    public let multiplier: Int32
    public let shift: Int

    public init(input: QuantParams, output: QuantParams, count: Int) {
        precondition(count > 0, "MEAN over no elements")
        self.count = count
        inputZeroPoint = input.zeroPoints[0]
        outputZeroPoint = output.zeroPoints[0]
        let (m, s) = FixedPoint.quantizeMultiplier(Double(input.scales[0]) / Double(output.scales[0]))
        let k = min(Int.bitWidth - 1 - count.leadingZeroBitCount, 32, 31 + s)
        multiplier = Int32(truncatingIfNeeded: (Int64(m) << Int64(k)) / Int64(count))
        shift = s - k
    }

    /// The output value for the int32 sum of the `count` raw inputs, clamped to `[lo, hi]`.
    public func mean(sum: Int32, lo: Int32 = -128, hi: Int32 = 127) -> Int32 {
        let shifted = Int32(truncatingIfNeeded: Int64(sum) - Int64(inputZeroPoint) * Int64(count))
        let r = Int64(FixedPoint.multiplyByQuantizedMultiplier(shifted, multiplier, shift)) + Int64(outputZeroPoint)
        return Int32(min(max(r, Int64(lo)), Int64(hi)))
    }
}
