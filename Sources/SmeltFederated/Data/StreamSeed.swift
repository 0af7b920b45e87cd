import Foundation
import SmeltIR

/// Seeds for independent random streams, derived from the run's seed and a path of integers
/// (device, round, sample...), so any stream can be regenerated alone — by the simulator, a
/// network coordinator or a test — without replaying the others.
///
/// `StreamSeed.make(seed, [a, b])` folds each part in with a SplitMix64 finaliser:
/// `h ← mix(h ^ (part + 0x9E3779B97F4A7C15·(position+1)))`.
public enum StreamSeed {
    /// Stream tags, so different uses of the same (device, index) never share a stream.
    public enum Tag: UInt64 {
        case initialisation = 1, device = 2, freshSample = 3, poolSample = 4, poolChoice = 5, query = 6,
             selection = 7, dropout = 8, heldOut = 9, support = 10, dataSize = 11
    }

    /// The seed for `parts` under `seed`.
    public static func make(_ seed: UInt64, _ parts: [UInt64]) -> UInt64 {
        var h = mix(seed)
        for (k, p) in parts.enumerated() { h = mix(h ^ (p &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(k + 1))) }
        return h
    }

    /// A generator for `tag` and `parts` under `seed`.
    public static func generator(_ seed: UInt64, _ tag: Tag, _ parts: Int...) -> SplitMix64 {
        SplitMix64(seed: make(seed, [tag.rawValue] + parts.map { UInt64(bitPattern: Int64($0)) }))
    }

    /// SplitMix64's output function.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A double uniform in [0, 1) from the top 53 bits of the next draw.
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A double uniform in [lo, hi).
    @inline(__always)
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// An integer uniform in 0..<n (n ≥ 1), by multiply-shift of 32 random bits.
    @inline(__always)
    public mutating func index(_ n: Int) -> Int { Int(((next() >> 32) &* UInt64(n)) >> 32) }

    /// A standard normal draw (Box–Muller, one of the pair).
    public mutating func normal() -> Double {
        let u = max(unit(), 0x1p-53), v = unit()
        return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
    }
}

@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
