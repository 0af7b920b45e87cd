import Foundation
import Testing
import SmeltIR
@testable import SmeltQuant

/// gemmlowp fixed-point functions and TFLite Micro's Softmax / MEAN parameters, against their
/// real-valued meaning and the worked examples in the doc comments.
@Suite("TFLite Micro reference arithmetic")
struct TFLiteReferenceTests {
    @Test("exp on negative values is within 2^-21 of exp(x) over [-16, 0], and exactly 1 at 0")
    func exponential() {
        #expect(GemmlowpMath.expOnNegativeValues(0, integerBits: 5) == Int32.max)
        var worst = 0.0
        for k in stride(from: 0, through: 16 << 10, by: 7) {
            let x = -Double(k) / 1024
            let raw = Int32(x * Double(1 << 26))
            let got = Double(GemmlowpMath.expOnNegativeValues(raw, integerBits: 5)) / 2_147_483_648
            worst = max(worst, abs(got - exp(Double(raw) / Double(1 << 26))))
        }
        #expect(worst < 1.0 / Double(1 << 21), "worst error \(worst)")
        let eMinusOne = GemmlowpMath.expOnNegativeValues(-(1 << 26), integerBits: 5)
        #expect(abs(Int(eMinusOne) - 790_015_084) <= 512)   // e^-1 · 2^31 = 790015084.2
    }

    @Test("1/(1+x) over [0, 1) within 2^-28; reciprocal of 1.0 and 2.0 in Q12.19")
    func reciprocal() {
        for k in 0..<1000 {
            let a = Int32(Double(k) / 1000 * 2_147_483_647)
            let got = Double(GemmlowpMath.oneOverOnePlusX(a)) / 2_147_483_648
            #expect(abs(got - 1 / (1 + Double(a) / 2_147_483_648)) < 1.0 / Double(1 << 28))
        }
        #expect(GemmlowpMath.reciprocal(1 << 19, integerBits: 12).bitsOverUnit == 0)
        let two = GemmlowpMath.reciprocal(1 << 20, integerBits: 12)
        #expect(two.bitsOverUnit == 1 && two.scale >= Int32.max - 2)
        #expect(GemmlowpMath.roundingHalfSum(Int32.max, Int32.max) == Int32.max)
        #expect(GemmlowpMath.roundingHalfSum(-3, 0) == -2)
        #expect(GemmlowpMath.saturatingMultiplyByPOT(1 << 29, 2) == Int32.max)
        #expect(GemmlowpMath.saturatingMultiplyByPOT(-(1 << 29) - 1, 2) == Int32.min)
        #expect(GemmlowpMath.saturatingMultiplyByPOT(5, 2) == 20)
    }

    @Test("softmax: two equal values give 0 (0.5), one large gap gives 127 and -128")
    func softmax() {
        let s = TFLiteSoftmax(inputScale: 1.0 / 16)
        #expect(s.expTable[0] == Int32.max)
        #expect(s.run([3, 3]) == [0, 0])
        #expect(s.run([127, -128]) == [127, -128])
        let wide = TFLiteSoftmax(inputScale: 0.5)
        // s_in · 2^26 = 2^25: multiplier 2^30, left shift 26, radius ⌊31 · 2^26 / 2^26⌋ = 31.
        #expect(wide.inputMultiplier == 1 << 30 && wide.inputLeftShift == 26)
        #expect(wide.diffMin == -31 && wide.expTable[32] == 0 && wide.expTable[31] > 0)
    }

    @Test("MEAN: the worked example (161 over 36 → 5) and a requantizing case")
    func mean() {
        let q = QuantParams(scale: 0.1, zeroPoint: -128)
        let m = TFLiteMean(input: q, output: q, count: 36)
        #expect(m.multiplier == 954_437_176 && m.shift == -4)
        #expect(m.mean(sum: 161 + 36 * -128) == 5 - 128)
        let half = TFLiteMean(input: QuantParams(scale: 0.1, zeroPoint: 3), output: QuantParams(scale: 0.2, zeroPoint: -7), count: 36)
        #expect(half.multiplier == 954_437_176 && half.shift == -5)
        // Σ(x − zp) = 360 → mean 10 at s_in → 5 at s_out → 5 + (−7).
        #expect(half.mean(sum: 360 + 36 * 3) == -2)
    }
}
