import Foundation
import Testing
import SmeltIR
import SmeltQuant
@testable import SmeltCodegen

/// Requantization in C (`smelt_mbqm`, `smelt_mbqm_wide`, `smelt_rounding_shift`) against
/// SmeltQuant's `FixedPoint` for *every* shift the compiler can emit, not just random ones:
/// int32 accumulators over shifts −31…30, int64 (int16 scheme) over −31…14, pow2 over −31…31.
@Suite("Requantization shift sweep, Swift vs C")
struct RequantShiftSweepTests {
    /// Accumulators that exercise rounding ties, saturation and both signs.
    static let accumulators: [Int32] = [
        0, 1, -1, 2, -2, 3, -3, 127, -128, 1000, -1000, 32767, -32768,
        (1 << 20) + (1 << 19), -((1 << 20) + (1 << 19)), 1 << 30, -(1 << 30),
        Int32.max, Int32.min, Int32.max - 1, Int32.min + 1,
    ]
    /// Multipliers in [2^30, 2^31): 0.5, 1 − ε, and values with awkward low bits.
    static let multipliers: [Int32] = [1 << 30, Int32.max, 1_518_500_250, 1_077_952_576, 1_431_655_765, 1_073_741_825]

    @Test("every shift: int32 in −31…30, int64 in −31…14, pow2 in −31…31, plus 20 random accumulators each")
    func everyShift() throws {
        var rng = SplitMix64(seed: 2026)
        var lines: [String] = []
        var expected: [Int32] = []
        for shift in -31...31 {
            var xs = Self.accumulators
            for _ in 0..<20 { xs.append(Int32.random(in: .min ... .max, using: &rng)) }
            for (i, x) in xs.enumerated() {
                let m = Self.multipliers[i % Self.multipliers.count]
                if shift <= 30 {
                    lines.append("1 \(x) \(m) \(shift)")
                    expected.append(FixedPoint.multiplyByQuantizedMultiplier(x, m, shift))
                }
                if shift <= 14 {
                    let wide = Int64(x) * Int64(i + 1) * 4097
                    lines.append("2 \(wide) \(m) \(shift)")
                    expected.append(FixedPoint.multiplyByQuantizedMultiplierWide(wide, m, shift))
                }
                lines.append("3 \(x) 0 \(shift)")
                expected.append(FixedPoint.roundingShift(x, shift))
            }
        }
        let main = KernelUnitTests.requantDriver
        #expect(lines.count > 4000)
        for cc in CCompiler.available {
            let exe = try cc.build(files: KernelUnitTests.files(main: main))
            let out = try cc.run(exe, stdin: lines.joined(separator: "\n") + "\n").split(separator: "\n").map(String.init)
            #expect(out.count == expected.count, "\(cc)")
            let bad = zip(lines, zip(out, expected)).filter { $0.1.0 != String($0.1.1) }
            #expect(bad.isEmpty, "\(cc): \(bad.count) differ, first \(bad.first.map { "\($0.0): C \($0.1.0), Swift \($0.1.1)" } ?? "")")
        }
    }
}
