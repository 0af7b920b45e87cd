/// A tiny seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// Deterministic on every platform: seed 0 yields `0xE220A8397B1DCDAF`, then `0x6E789E6AA1B965F4`.
/// Used for reproducible weight initialisation; not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator state; advances by the golden-ratio increment on every draw.
    public var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A float uniform in `[-limit, limit)`, from the top 24 bits of the next draw:
    /// `(k / 2^24 · 2 − 1) · limit` with `k` in `0..<2^24` (exact in float32 before the scaling).
    public mutating func nextFloat(limit: Float) -> Float {
        let k = Float(next() >> 40)
        return (k * 0x1p-23 - 1) * limit
    }
}
