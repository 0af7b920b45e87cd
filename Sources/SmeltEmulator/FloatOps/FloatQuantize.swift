import SmeltIR

/// Quantize and Dequantize at a float graph's edges, values kept as `Float`.
///
/// Quantize: `q = clamp(round(x / s) + zp, qmin, qmax)`, rounding half away from zero (as
/// TFLite's reference `Quantize`); example int8, s 0.5, zp −1: x 1.25 → round(2.5) − 1 = 2.
/// Dequantize: `x = s · (q − zp)`; example s 0.5, zp −1: q 2 → 1.5.
/// Per-tensor parameters only (the first scale and zero point are used).
enum FloatQuantize {
    static func quantize(_ x: [Float], params: QuantParams, range: ClosedRange<Int64>) -> [Float] {
        let s = params.scale(channel: 0), zp = Float(params.zeroPoint(channel: 0))
        let lo = Float(range.lowerBound), hi = Float(range.upperBound)
        return x.map { min(max(($0 / s).rounded(.toNearestOrAwayFromZero) + zp, lo), hi) }
    }

    static func dequantize(_ q: [Float], params: QuantParams) -> [Float] {
        let s = params.scale(channel: 0), zp = Float(params.zeroPoint(channel: 0))
        return q.map { s * ($0 - zp) }
    }
}
