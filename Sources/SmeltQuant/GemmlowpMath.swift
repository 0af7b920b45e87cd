/// The fixed-point exponential and reciprocal that TFLite's int8 Softmax is built on (gemmlowp's
/// `fixedpoint.h` semantics, as TFLite Micro's reference kernels use them), on raw int32 values.
///
/// A raw value `r` in "Qm" format (m integer bits) stands for `r / 2^(31 − m)`. Products are
/// `saturatingRoundingDoublingHighMul` (the integer bits add up); sums wrap like int32 in C++.
///
/// Worked example: `expOnNegativeValues(0, integerBits: 5)` is `Int32.max` (exp(0) = 1 in Q0.31);
/// `expOnNegativeValues(−(1 << 26), integerBits: 5)` (−1.0 in Q5.26) is within a few hundred of
/// e^−1 · 2^31 = 790015084 (the result is accurate to about 2^−22 over [−16, 0]).
public enum GemmlowpMath {
    static func srdhm(_ a: Int32, _ b: Int32) -> Int32 { FixedPoint.saturatingRoundingDoublingHighMul(a, b) }

    /// `x / 2^exponent` rounded half away from zero (gemmlowp `RoundingDivideByPOT`), exponent in [0, 31].
    public static func roundingDivideByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
        let mask = Int32(truncatingIfNeeded: (Int64(1) << exponent) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> Int32(exponent)) &+ (remainder > threshold ? 1 : 0)
    }

    /// `x · 2^exponent` for exponent ≥ 0, saturated to int32 (gemmlowp `SaturatingRoundingMultiplyByPOT`
    /// with a positive exponent): e.g. `(1 << 29, 2)` → `Int32.max`, `(5, 2)` → 20.
    public static func saturatingMultiplyByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
        let threshold = Int32((Int64(1) << (31 - exponent)) - 1)
        if x > threshold { return Int32.max }
        if x < -threshold { return Int32.min }
        return x << Int32(exponent)
    }

    /// `(a + b) / 2` rounded half away from zero, without overflow (gemmlowp `RoundingHalfSum`).
    public static func roundingHalfSum(_ a: Int32, _ b: Int32) -> Int32 {
        let sum = Int64(a) + Int64(b)
        return Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
    }

    /// exp(a) for a in [−1/4, 0), Q0.31 in and out: a Taylor expansion around −1/8.
    static func expOnQuarterInterval(_ a: Int32) -> Int32 {
        let constantTerm: Int32 = 1_895_147_668   // e^(−1/8)
        let oneThird: Int32 = 715_827_883
        let x = a &+ (1 << 28)
        let x2 = srdhm(x, x), x3 = srdhm(x2, x), x4 = srdhm(x2, x2)
        let x4Over4 = roundingDivideByPOT(x4, 2)
        let poly = roundingDivideByPOT(srdhm(x4Over4 &+ x3, oneThird) &+ x2, 1)
        return constantTerm &+ srdhm(constantTerm, x &+ poly)
    }

    /// exp(a) for a ≤ 0 given in Q`integerBits` (integerBits ≤ 5 here); result Q0.31.
    /// The input is split into a remainder in [−1/4, 0) and multiples of 1/4, 1/2, 1, 2, 4, 8, 16,
    /// each applied as a constant factor e^(−2^k) when its bit is set.
    public static func expOnNegativeValues(_ a: Int32, integerBits: Int) -> Int32 {
        precondition(integerBits >= 0 && integerBits <= 5, "integerBits \(integerBits) outside 0...5")
        let fractionalBits = 31 - integerBits
        let quarter = Int32(1) << Int32(fractionalBits - 2)
        let modMinusQuarter = (a & (quarter - 1)) &- quarter
        var result = expOnQuarterInterval(saturatingMultiplyByPOT(modMinusQuarter, integerBits))
        let remainder = modMinusQuarter &- a
        let factors: [(exponent: Int, multiplier: Int32)] = [
            (-2, 1_672_461_947), (-1, 1_302_514_674), (0, 790_015_084), (1, 290_630_308),
            (2, 39_332_535), (3, 720_401), (4, 242),
        ]
        for (exponent, multiplier) in factors where integerBits > exponent {
            if remainder & (Int32(1) << Int32(fractionalBits + exponent)) != 0 {
                result = srdhm(result, multiplier)
            }
        }
        return a == 0 ? Int32.max : result
    }

    /// 1 / (1 + a) for a in [0, 1) in Q0.31, result Q0.31: Newton–Raphson on the half denominator
    /// with the 48/17 and −32/17 starting constants, three iterations in Q2.29.
    public static func oneOverOnePlusX(_ a: Int32) -> Int32 {
        let halfDenominator = roundingHalfSum(a, Int32.max)
        let oneQ2: Int32 = 1 << 29
        var x = Int32(1_515_870_810) &+ srdhm(halfDenominator, -1_010_580_540)
        for _ in 0..<3 {
            let oneMinus = oneQ2 &- srdhm(halfDenominator, x)
            x = x &+ saturatingMultiplyByPOT(srdhm(x, oneMinus), 2)
        }
        return saturatingMultiplyByPOT(x, 1)
    }

    /// TFLite's `GetReciprocal`: for a positive Q`integerBits` value `x`, the Q0.31 reciprocal of its
    /// normalized mantissa and the number of bits `x` has above 1.0 (so 1/x = scale · 2^−bitsOverUnit).
    /// Example: x = 2^19 in Q12.19 (1.0) → scale `Int32.max`, bitsOverUnit 0.
    public static func reciprocal(_ x: Int32, integerBits: Int) -> (scale: Int32, bitsOverUnit: Int) {
        let headroomPlusOne = UInt32(bitPattern: x).leadingZeroBitCount
        let shiftedMinusOne = Int32(bitPattern: (UInt32(bitPattern: x) << UInt32(headroomPlusOne)) &- (UInt32(1) << 31))
        return (oneOverOnePlusX(shiftedMinusOne), integerBits - headroomPlusOne)
    }
}
