import Foundation
import SmeltIR

/// Compile-time integer parameters derived from float scales (computed in Swift, in double).
enum Requantization {
    /// TFLite's QuantizeMultiplier: `real = M · 2^(shift − 31)` with M in [2^30, 2^31).
    ///
    /// Example: 0.0123 = 0.7872 · 2^-6 → M = round(0.7872 · 2^31) = 1690514292, shift = −6.
    static func quantizeMultiplier(_ real: Double) -> (multiplier: Int32, shift: Int32) {
        guard real > 0, real.isFinite else { return (0, 0) }
        let q = real.significand / 2               // in [0.5, 1)
        var shift = Int(real.exponent) + 1
        var fixed = Int64((q * 2147483648.0).rounded(.toNearestOrAwayFromZero))
        if fixed == 1 << 31 { fixed /= 2; shift += 1 }
        if shift < -31 { return (0, 0) }
        if shift > 30 { return (Int32.max, 30) }
        return (Int32(fixed), Int32(shift))
    }

    /// The clamp range of an output: the dtype's range narrowed by a fused activation.
    /// ReLU → [max(zp, qmin), qmax]; ReLU6 → upper bound min(qmax, zp + round(6 / s)).
    static func activationRange(_ activation: Activation, quant: QuantParams, dtype: DType) -> (min: Int32, max: Int32) {
        let range = dtype.integerRange ?? Int64(Int8.min)...Int64(Int8.max)
        let qmin = Int32(range.lowerBound), qmax = Int32(range.upperBound)
        let zp = quant.zeroPoint(channel: 0)
        switch activation {
        case .none: return (qmin, qmax)
        case .relu: return (max(zp, qmin), qmax)
        case .relu6:
            let six = Int64(zp) + Int64((6 / quant.scale(channel: 0)).rounded(.toNearestOrAwayFromZero))
            return (max(zp, qmin), Int32(min(Int64(qmax), six)))
        }
    }

    /// Fractional bits of a power-of-two scale (its `fractionalBits`, else −log2(scale) when exact).
    static func fractionalBits(_ q: QuantParams, channel: Int) -> Int? {
        if let n = q.fractionalBits { return n }
        let s = Double(q.scale(channel: channel))
        let n = -log2(s)
        return n == n.rounded() ? Int(n) : nil
    }

    /// 256-entry int8 table of `f` from input to output params: entry `q + 128` holds
    /// clamp(round(f(s_in · (q − zp_in)) / s_out) + zp_out).
    static func lookupTable(input: QuantParams, output: QuantParams, _ f: (Double) -> Double) -> [Int8] {
        let sIn = Double(input.scale(channel: 0)), zIn = Double(input.zeroPoint(channel: 0))
        let sOut = Double(output.scale(channel: 0)), zOut = Double(output.zeroPoint(channel: 0))
        return (-128...127).map { q in
            let y = (f(sIn * (Double(q) - zIn)) / sOut).rounded(.toNearestOrAwayFromZero) + zOut
            return Int8(max(-128, min(127, y)))
        }
    }

    /// Softmax exponent table: entry k = round(65536 · exp(−k · s_in)), k = x_max − x in 0...255.
    static func softmaxExpTable(inputScale: Float) -> [Int32] {
        (0...255).map { k in Int32((65536 * exp(-Double(k) * Double(inputScale))).rounded(.toNearestOrAwayFromZero)) }
    }
}
