import SmeltIR

/// Quantization of constant tensors: weights, biases and constant operands.
public enum WeightQuantization {
    /// Symmetric int8 weights per channel along `axis` (int8 and int16 schemes):
    /// `s_c = max|w_c| / 127` (`1/127` for an all-zero channel), `q = clamp(round(w / s_c), −127, 127)`
    /// with the division in float and rounding half away from zero, as TFLite does.
    /// Example: channel `[0.5, −1.27, 0.01]` → `s = 0.01`, `q = [50, −127, 1]`.
    public static func perChannelInt8(_ t: Tensor, axis: Int) throws -> Tensor {
        let w = try floats(t)
        let channels = t.shape[axis]
        let inner = t.shape[(axis + 1)...].reduce(1, *)
        func channel(_ i: Int) -> Int { (i / inner) % channels }
        var maxAbs = [Float](repeating: 0, count: channels)
        for (i, v) in w.enumerated() { maxAbs[channel(i)] = max(maxAbs[channel(i)], abs(v)) }
        let scales = maxAbs.map { $0 > 0 ? $0 / 127 : 1 / 127 }
        let q = w.enumerated().map { i, v in
            Int8(ParameterChoice.quantize(v, scale: scales[channel(i)], zeroPoint: 0, range: -127...127))
        }
        return Tensor(name: t.name, shape: t.shape, dtype: .int8, data: .int8(q),
                      quant: QuantParams(scales: scales, zeroPoints: Array(repeating: 0, count: channels), axis: axis))
    }

    /// Power-of-two int8 weights per tensor: `n = ParameterChoice.fractionalBits(maxAbs:)`,
    /// `q = clamp(round(w · 2^n), −128, 127)`. Example: `[0.75, −0.3]` → `n = 7` (0.75·128 = 96),
    /// `q = [96, −38]` (−38.4 → −38).
    public static func powerOfTwoInt8(_ t: Tensor) throws -> Tensor {
        let w = try floats(t)
        let n = ParameterChoice.fractionalBits(maxAbs: w.map(abs).max() ?? 0)
        let p = ParameterChoice.powerOfTwo(fractionalBits: n)
        let q = w.map { Int8(ParameterChoice.quantize($0, scale: p.scales[0], zeroPoint: 0, range: -128...127)) }
        return Tensor(name: t.name, shape: t.shape, dtype: .int8, data: .int8(q), quant: p)
    }

    /// Bias at scale `s_in · s_w[c]` (per channel, zero point 0), rounded half away from zero in
    /// double: int32 (clamped) for int8 / pow2, int64 clamped to `±2^40` for int16.
    /// pow2 biases are per tensor at `2^−(n_in + n_w)` with `fractionalBits = n_in + n_w`.
    /// Example: `b = 0.3`, `s_in = 0.02`, `s_w = 0.005` → `0.3 / 0.0001 = 3000`.
    ///
    /// With a channel scale `k` (docs/kernel-sharing.md) the accumulator is in units of
    /// `s_in · s_w[c] · |k[c]|` and carries the sign of `k[c]`: `q = round(b / (s_in · s_w[c] · k[c]))`.
    /// Example: `b = 0.3`, `s_in = 0.02`, `s_w = 0.005`, `k = −0.5` → `0.3 / −0.00005 = −6000`.
    public static func bias(_ t: Tensor, name: String, input: QuantParams, weight: QuantParams, scheme: Scheme,
                            channelScale: [Float]? = nil) throws -> Tensor {
        let b = try floats(t)
        let count = b.count
        let sIn = Double(input.scales[0])
        let k = (0..<count).map { c in channelScale.map { Double($0[c]) } ?? 1 }
        let scales = (0..<count).map { sIn * Double(weight.scale(channel: $0)) * abs(k[$0]) }
        let real = (0..<count).map { (Double(b[$0]) / (scales[$0] * (k[$0] < 0 ? -1 : 1))).rounded(.toNearestOrAwayFromZero) }
        let quant: QuantParams
        if scheme == .pow2 {
            let n = input.fractionalBits! + weight.fractionalBits!
            quant = QuantParams(scales: [Float(scales[0])], zeroPoints: [0], fractionalBits: n)
        } else {
            quant = QuantParams(scales: scales.map { Float($0) }, zeroPoints: Array(repeating: 0, count: count), axis: 0)
        }
        if scheme == .int16 {
            let limit = Double(Int64(1) << 40)
            return Tensor(name: name, shape: t.shape, dtype: .int64,
                          data: .int64(real.map { Int64(max(-limit, min(limit, $0))) }), quant: quant)
        }
        let lo = Double(Int32.min), hi = Double(Int32.max)
        return Tensor(name: name, shape: t.shape, dtype: .int32,
                      data: .int32(real.map { Int32(max(lo, min(hi, $0))) }), quant: quant)
    }

    /// A constant read as an activation (e.g. an Add operand): per-tensor parameters chosen from its
    /// own min/max by the scheme's activation rule, stored in the activation dtype.
    public static func constantActivation(_ t: Tensor, scheme: Scheme) throws -> Tensor {
        let v = try floats(t)
        let r = TensorRange(min: v.min() ?? 0, max: v.max() ?? 0)
        let p = Quantizer.activationParams(r, scheme: scheme)
        let range = scheme.activationType.integerRange!
        let q = v.map { ParameterChoice.quantize($0, scale: p.scales[0], zeroPoint: p.zeroPoints[0], range: range) }
        let data: TensorData = scheme == .int16 ? .int16(q.map { Int16($0) }) : .int8(q.map { Int8($0) })
        return Tensor(name: t.name, shape: t.shape, dtype: scheme.activationType, data: data, quant: p)
    }

    private static func floats(_ t: Tensor) throws -> [Float] {
        guard let f = t.data?.floats else { throw SmeltError("tensor \"\(t.name)\" is not a float32 constant") }
        return f
    }
}
