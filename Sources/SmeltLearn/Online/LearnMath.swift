/// The arithmetic of the on-device training step, written once in Swift and mirrored line for line
/// by the C kernels `Codegen/Kernels/smelt_learn_f32.c` and `smelt_learn_q.c`.
///
/// **float32** (`exp`): no libm, so the host, the Swift runtime and a Cortex-M4 compute the same
/// bits (with floating-point contraction off, as `-std=c99` gives with gcc).
///
/// **Fixed point** (`Q`): every value is an `Int32` holding `v · 2^24` (Q7.24: range ±128,
/// resolution 6.0e-8). Products round half up (`(a·b + 2^23) >> 24`, arithmetic shift) and every
/// result that is stored saturates to the int32 range; dot products accumulate the rounded
/// products in 64 bits and saturate once. Worked example: 1.5 · (−0.25) =
/// `(25165824 · −4194304 + 2^23) >> 24 = −6291456` = −0.375 exactly.
public enum LearnMath {
    // MARK: float32

    /// log2(e) and ln 2 as float32.
    static let log2e: Float = 1.44269504
    static let ln2: Float = 0.693147181
    /// 1/k! for k = 0...7, the Taylor coefficients of e^u (Horner from the highest).
    static let taylor: [Float] = [1, 1, 0.5, 0.166666667, 0.0416666667, 0.00833333333, 0.00138888889, 0.000198412698]

    /// e^x for x ≤ 0 in float32 (relative error < 2e-7): x·log2 e = k + f (k = floor, f ∈ [0, 1)),
    /// e^x = 2^k · P(f·ln 2) with P the degree-7 Taylor polynomial, 2^k built from its exponent
    /// bits; 0 below 2^-126.
    public static func exp(_ x: Float) -> Float {
        if !(x > -87) { return 0 }
        let t = x * log2e
        var k = Int32(t)          // truncates toward zero
        if Float(k) > t { k -= 1 }  // floor
        let u = (t - Float(k)) * ln2
        var r = taylor[7]
        for j in stride(from: 6, through: 0, by: -1) { r = r * u + taylor[j] }
        if k < -126 { return 0 }
        return r * Float(bitPattern: UInt32(k + 127) << 23)
    }

    // MARK: fixed point Q7.24

    /// Fractional bits of the fixed-point format.
    public static let fracBits: Int32 = 24
    /// 1.0 in Q7.24.
    public static let one: Int32 = 1 << 24
    static let qLog2e: Int64 = 24204406    // round(log2(e) · 2^24)
    static let qLn2: Int32 = 11629080      // round(ln 2 · 2^24)
    static let qTaylor: [Int32] = [16777216, 16777216, 8388608, 2796203, 699051, 139810, 23302, 3329]  // round(2^24 / k!)

    /// Saturates to the int32 range.
    @inline(__always) public static func sat(_ x: Int64) -> Int32 {
        x > Int64(Int32.max) ? .max : (x < Int64(Int32.min) ? .min : Int32(x))
    }

    /// `(a·b + 2^23) >> 24` in 64 bits, not saturated (for accumulating).
    @inline(__always) public static func mulWide(_ a: Int32, _ b: Int32) -> Int64 {
        (Int64(a) * Int64(b) + (1 << 23)) >> 24
    }

    /// `a·b` in Q7.24, rounded half up, saturated.
    @inline(__always) public static func mul(_ a: Int32, _ b: Int32) -> Int32 { sat(mulWide(a, b)) }

    /// `a − b`, saturated.
    @inline(__always) public static func sub(_ a: Int32, _ b: Int32) -> Int32 { sat(Int64(a) - Int64(b)) }

    /// The nearest Q7.24 value of `x`, saturated (half away from zero).
    public static func fromFloat(_ x: Double) -> Int32 { sat(Int64((x * Double(one)).rounded().clamped(-1e18, 1e18))) }

    /// The real value of a Q7.24 number.
    public static func toDouble(_ q: Int32) -> Double { Double(q) / Double(one) }

    /// e^x for x ≤ 0 in Q7.24: 0 below −16; else t = x·log2 e (rounded), k = floor(t), f = t − k,
    /// P(f·ln 2) by Horner with the rounded 1/j! (each step `mul` then add), then a rounding right
    /// shift by −k (half up). exp(0) = 2^24 exactly.
    public static func exp(_ x: Int32) -> Int32 {
        if x < -(16 << 24) { return 0 }
        let t = (Int64(x) * qLog2e + (1 << 23)) >> 24
        let k = Int32(t >> 24)
        let f = Int32(t - Int64(k) * (1 << 24))
        let u = mul(f, qLn2)
        var r = qTaylor[7]
        for j in stride(from: 6, through: 0, by: -1) { r = mul(r, u) + qTaylor[j] }
        let s = -k
        if s <= 0 { return r }
        if s > 30 { return 0 }
        return (r + (1 << (s - 1))) >> s
    }

    /// ∂L/∂z of softmax cross-entropy in Q7.24: `m = max z`, `e_i = exp(z_i − m)`, `S = Σ e_i`
    /// (64-bit), `p_i = (e_i·2^24 + S/2) / S` (integer division), `g_i = p_i − [i = label]`.
    public static func softmaxGradient(_ z: [Int32], label: Int) -> [Int32] {
        var m = z[0]
        for v in z where v > m { m = v }
        let e = z.map { exp(sub($0, m)) }
        var sum: Int64 = 0
        for v in e { sum += Int64(v) }
        return e.indices.map { i in
            let p = Int32((Int64(e[i]) << 24 + sum / 2) / sum)
            return i == label ? p - one : p
        }
    }

    /// ∂L/∂z of the mean-squared error in Q7.24: `g_i = (2·sub(z_i, t_i)) / n` (64-bit, truncating).
    public static func mseGradient(_ z: [Int32], target: [Int32]) -> [Int32] {
        let n = Int64(z.count)
        return z.indices.map { Int32(2 * Int64(sub(z[$0], target[$0])) / n) }
    }
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(self, lo), hi) }
}
