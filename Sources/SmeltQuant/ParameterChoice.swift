import Foundation
import SmeltIR

/// How each scheme turns a real range into quantization parameters.
public enum ParameterChoice {
    /// int8 activation parameters, TFLite's `ChooseQuantizationParams` (computed in double):
    /// the range is widened to include 0 (`lo = min(min, 0)`, `hi = max(max, 0)`; an empty range
    /// `[0, 0]` becomes `[0, 1]`), `scale = (hi − lo) / 255`, and the zero point is
    /// `round(−128 − lo / scale)` or `round(127 − hi / scale)` — whichever has the smaller
    /// rounding error — clamped to `[-128, 127]`.
    /// Example: `[−1, 3]` → scale `4/255 = 0.015686275`, zero point `−128 + 63.75 = −64.25 → −64`.
    public static func asymmetricInt8(_ r: TensorRange) -> QuantParams {
        var lo = Double(min(r.min, 0)), hi = Double(max(r.max, 0))
        if hi - lo < 1e-12 { lo = 0; hi = 1 }
        let scale = (hi - lo) / 255
        let zpFromMin = -128 - lo / scale
        let zpFromMax = 127 - hi / scale
        let errMin = 128 + abs(lo / scale)
        let errMax = 127 + abs(hi / scale)
        let zp = (errMin < errMax ? zpFromMin : zpFromMax).rounded(.toNearestOrAwayFromZero)
        return QuantParams(scale: Float(scale), zeroPoint: Int32(max(-128, min(127, zp))))
    }

    /// Symmetric parameters with zero point 0: `scale = max(|min|, |max|) / qmax`
    /// (qmax = 32767 for int16 activations, 127 for weights). A zero range gets scale `1 / qmax`.
    /// Example: `[−2, 1]` with qmax 32767 → scale `2 / 32767 = 6.1037e-5`.
    public static func symmetric(_ r: TensorRange, qmax: Int) -> QuantParams {
        let m = Double(max(abs(r.min), abs(r.max)))
        return QuantParams(scale: Float(m > 0 ? m / Double(qmax) : 1 / Double(qmax)), zeroPoint: 0)
    }

    /// The pow2 fractional bits for values of magnitude up to `maxAbs` in int8: the largest `n`
    /// with `maxAbs · 2^n ≤ 127`, clamped to `[-16, 24]` (7 for an all-zero tensor).
    /// Example: `maxAbs 3.2` → `3.2 · 2^5 = 102.4 ≤ 127`, `3.2 · 2^6 = 204.8` → `n = 5`.
    public static func fractionalBits(maxAbs: Float) -> Int {
        guard maxAbs > 0 else { return 7 }
        var n = Int((log2(127.0 / Double(maxAbs))).rounded(.down))
        while n > -16 && Double(maxAbs) * pow2(n) > 127 { n -= 1 }
        while n < 24 && Double(maxAbs) * pow2(n + 1) <= 127 { n += 1 }
        return max(-16, min(24, n))
    }

    /// pow2 activation parameters: zero point 0, `scale = 2^-n` from `fractionalBits`.
    public static func powerOfTwo(_ r: TensorRange) -> QuantParams {
        powerOfTwo(fractionalBits: fractionalBits(maxAbs: max(abs(r.min), abs(r.max))))
    }

    /// pow2 parameters with `n` fractional bits: scale `2^-n`, zero point 0.
    public static func powerOfTwo(fractionalBits n: Int) -> QuantParams {
        QuantParams(scales: [Float(pow2(-n))], zeroPoints: [0], fractionalBits: n)
    }

    /// `2^e` as a double, exactly.
    static func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }

    /// Real value → integer: `round(x / scale) + zp` (round half away from zero, in float as in
    /// TFLite's Quantize op) clamped to `range`. Example: `x 0.5`, scale `1/255`, zp −128 →
    /// `round(127.5) − 128 = 0`.
    public static func quantize(_ x: Float, scale: Float, zeroPoint: Int32, range: ClosedRange<Int64>) -> Int64 {
        let q = Double((x / scale).rounded(.toNearestOrAwayFromZero)) + Double(zeroPoint)
        return Int64(max(Double(range.lowerBound), min(Double(range.upperBound), q)))
    }
}
