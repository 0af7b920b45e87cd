import SmeltIR

/// A real multiplier as TFLite's int32 `multiplier` and `shift` (`real ≈ M · 2^(shift − 31)`).
public struct QuantizedMultiplier: Sendable, Hashable {
    public var multiplier: Int32
    public var shift: Int

    public init(multiplier: Int32, shift: Int) {
        self.multiplier = multiplier
        self.shift = shift
    }

    /// `FixedPoint.quantizeMultiplier(real)`. Example: `0.75 → (1610612736, 0)`.
    public init(real: Double) {
        let (m, s) = FixedPoint.quantizeMultiplier(real)
        self.init(multiplier: m, shift: s)
    }
}

/// Everything an integer kernel needs besides its tensors, computed once at compile time from the
/// graph's quantization parameters. The integer emulator runs on exactly these numbers, and the C
/// emitter must write exactly these numbers.
///
/// Worked example (int8 Dense): `s_in = 0.02`, `s_w[0] = 0.005`, `s_out = 0.05` →
/// real `0.02 · 0.005 / 0.05 = 0.002` → `multipliers[0] = (1099511628, −8)`
/// (`0.002 = 0.512 · 2^−8`, `0.512 · 2^31 = 1099511627.8 → 1099511628`).
public struct Requantization: Sendable, Equatable {
    public var scheme: Scheme
    /// Zero points of the activation inputs, in input order (Dense/Conv: 1; Add: 2; Concatenate: all).
    public var inputZeroPoints: [Int32]
    public var outputZeroPoint: Int32
    /// int8 / int16 schemes. Dense/Conv2D/DepthwiseConv2D: one per output channel,
    /// from `s_in · s_w[c] / s_out`, times `|scale[c]|` when the layer has a channel scale, with
    /// the multiplier negated where `scale[c] < 0` (`FixedPoint` applies the sign after rounding). Add: `[input a, input b, output]` (see `addLeftShift`).
    /// Concatenate: one per input, from `s_in_i / s_out`. Empty for every other op.
    public var multipliers: [QuantizedMultiplier]
    /// pow2 scheme, in the same positions as `multipliers`: right shifts for `FixedPoint.roundingShift`
    /// (negative = left). Dense/Conv: `n_in + n_w − n_out` (repeated per channel). Add:
    /// `[−(n_max − n_a), −(n_max − n_b), n_max − n_out]` with `n_max = max(n_a, n_b)`.
    /// Concatenate: `n_in_i − n_out`.
    public var shifts: [Int]
    /// Add in the int8 / int16 schemes: both inputs are shifted left by this before their
    /// multipliers (20 for int8, 15 for int16, TFLite's values); 0 otherwise.
    public var addLeftShift: Int
    /// The output clamp: the output dtype's range intersected with the fused activation's.
    public var activationMin: Int32
    public var activationMax: Int32

    /// The requantization of `node` in the quantized `graph`. Throws a `SmeltError` naming the
    /// node if a tensor lacks quantization parameters or a shift is out of range.
    public static func forNode(_ node: Node, in graph: Graph) throws -> Requantization {
        func fail(_ s: String) -> SmeltError { SmeltError.node(node.name, s) }
        let out = try graph.requireTensor(node.output)
        let scheme = try Scheme.of(out)
        let outQ = out.quant!
        let actPositions: [Int]
        switch node.op {
        case .add: actPositions = [0, 1]
        case .concatenate: actPositions = Array(node.inputs.indices)
        default: actPositions = [0]
        }
        let ins = try actPositions.map { try graph.requireTensor(node.inputs[$0]) }
        for t in ins where t.quant == nil || t.dtype != out.dtype {
            throw fail("input \"\(t.name)\" is not a quantized \(out.dtype.rawValue) tensor")
        }
        let inQ = ins.map { $0.quant! }
        var r = Requantization(scheme: scheme, inputZeroPoints: inQ.map { $0.zeroPoints[0] }, outputZeroPoint: outQ.zeroPoints[0],
                               multipliers: [], shifts: [], addLeftShift: 0, activationMin: 0, activationMax: 0)
        let act: Activation
        switch node.op {
        case .relu: act = .relu
        case .relu6: act = .relu6
        default: act = node.op.fusedActivation ?? .none
        }
        let range = activationRange(act, output: outQ, dtype: out.dtype)
        r.activationMin = range.lowerBound
        r.activationMax = range.upperBound

        switch node.op {
        case .dense, .conv2d, .depthwiseConv2d:
            let w = try graph.requireTensor(node.inputs[1])
            guard let wq = w.quant, w.dtype == .int8 else { throw fail("weight \"\(w.name)\" is not quantized int8") }
            let channels: Int
            if case .depthwiseConv2d = node.op { channels = w.shape[3] } else { channels = w.shape[0] }
            let channelScale = try Self.channelScale(node, in: graph)
            if scheme == .pow2 {
                guard let nIn = inQ[0].fractionalBits, let nW = wq.fractionalBits, let nOut = outQ.fractionalBits else {
                    throw fail("pow2 tensors need fractional bits")
                }
                if channelScale != nil { throw fail("a channel scale (shared kernel with folded BatchNorm) needs the int8 or int16 scheme; pow2 requantizes by shifts only") }
                r.shifts = Array(repeating: try checkedShift(nIn + nW - nOut, node), count: channels)
            } else {
                r.multipliers = try (0..<channels).map { c in
                    var real = Double(inQ[0].scales[0]) * Double(wq.scale(channel: c)) / Double(outQ.scales[0])
                    let sign = channelScale.map { $0[c] < 0 } ?? false
                    if let cs = channelScale { real *= abs(Double(cs[c])) }
                    var m = QuantizedMultiplier(real: real)
                    if scheme == .int16 && m.shift > 14 { throw fail("effective scale \(real) too large for int16 requantization") }
                    if sign { m.multiplier = -m.multiplier }
                    return m
                }
            }
        case .add:
            if scheme == .pow2 {
                let (na, nb, no) = try (bits(inQ[0], node), bits(inQ[1], node), bits(outQ, node))
                let nMax = max(na, nb)
                r.shifts = try [-(nMax - na), -(nMax - nb), nMax - no].map { try checkedShift($0, node) }
            } else {
                r.addLeftShift = scheme == .int8 ? 20 : 15
                let sa = Double(inQ[0].scales[0]), sb = Double(inQ[1].scales[0])
                let twiceMax = 2 * max(sa, sb)
                let sOut = Double(outQ.scales[0]) * Double(1 << r.addLeftShift)
                r.multipliers = [QuantizedMultiplier(real: sa / twiceMax), QuantizedMultiplier(real: sb / twiceMax),
                                 QuantizedMultiplier(real: twiceMax / sOut)]
            }
        case .concatenate:
            if scheme == .pow2 {
                let no = try bits(outQ, node)
                r.shifts = try inQ.map { try checkedShift(bits($0, node) - no, node) }
            } else {
                r.multipliers = inQ.map { QuantizedMultiplier(real: Double($0.scales[0]) / Double(outQ.scales[0])) }
            }
        default:
            break
        }
        return r
    }

    /// The channel scale (input 3) of a Dense/Conv2D/DepthwiseConv2D, if it has one: float32,
    /// read at compile time only. Throws for a non-finite or zero entry (a zero scale would make the
    /// bias unrepresentable in the accumulator; see docs/kernel-sharing.md).
    public static func channelScale(_ node: Node, in graph: Graph) throws -> [Float]? {
        guard node.inputs.count > 3, node.op.weightInputPositions.contains(3) else { return nil }
        let t = try graph.requireTensor(node.inputs[3])
        guard let v = t.data?.floats else { throw SmeltError.node(node.name, "channel scale \"\(t.name)\" must be float32 constant data") }
        if let c = v.firstIndex(where: { !$0.isFinite || $0 == 0 }) {
            throw SmeltError.node(node.name, "channel scale \"\(t.name)\"[\(c)] is \(v[c]); it must be finite and non-zero")
        }
        return v
    }

    /// The output clamp for a fused (or standalone) activation, per docs/contracts.md:
    /// none → the dtype's range; ReLU → `[max(zp, qmin), qmax]`;
    /// ReLU6 → `[max(zp, qmin), min(qmax, zp + round(6 / s))]`.
    /// Example: int8, `s = 0.05`, `zp = −128`, ReLU6 → `[−128, min(127, −128 + 120)] = [−128, −8]`.
    public static func activationRange(_ a: Activation, output q: QuantParams, dtype: DType) -> ClosedRange<Int32> {
        let full = dtype.integerRange!
        let qmin = Int32(full.lowerBound), qmax = Int32(full.upperBound)
        let zp = q.zeroPoints[0]
        switch a {
        case .none: return qmin...qmax
        case .relu: return max(zp, qmin)...qmax
        case .relu6:
            let six = Int64((6 / Double(q.scales[0])).rounded(.toNearestOrAwayFromZero))
            let hi = Int32(min(Int64(qmax), Int64(zp) + six))
            return max(zp, qmin)...max(hi, max(zp, qmin))
        }
    }

    private static func bits(_ q: QuantParams, _ node: Node) throws -> Int {
        guard let n = q.fractionalBits else { throw SmeltError.node(node.name, "pow2 tensors need fractional bits") }
        return n
    }

    private static func checkedShift(_ s: Int, _ node: Node) throws -> Int {
        guard (-31...31).contains(s) else { throw SmeltError.node(node.name, "pow2 shift \(s) outside -31...31") }
        return s
    }
}
