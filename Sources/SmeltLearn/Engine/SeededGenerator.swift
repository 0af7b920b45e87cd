import Foundation
import SmeltIR

/// The training runtime's generator: SmeltIR's `SplitMix64` (Steele, Lea & Flood), so the same
/// seed gives the same shuffles and initial weights on every platform and Swift version.
/// Example: seed 0 → first output 0xE220A8397B1DCDAF.
public typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in `0 ..< n` (n > 0), by 128-bit multiply (Lemire; bias < n / 2^64).
    public mutating func index(below n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Standard normal by Box–Muller (one value per call; the pair's second half is dropped).
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()  // (0, 1]
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Fisher–Yates shuffle of `array`, deterministic for a given state.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }
}
