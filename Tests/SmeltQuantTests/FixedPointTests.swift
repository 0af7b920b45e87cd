import Testing
@testable import SmeltQuant

/// Independent references, written from the definitions rather than from the implementation.
private enum Reference {
    /// floor(a / b) for b > 0.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
    /// a·b / 2^31 rounded to nearest, ties toward +∞ (gemmlowp's rounding), exact in Int64.
    static func srdhm(_ a: Int32, _ b: Int32) -> Int64 {
        floorDiv(Int64(a) * Int64(b) + (1 << 30), 1 << 31)
    }
    /// x / 2^e rounded half away from zero; exact in Double because x has at most 32 bits.
    static func rdbpot(_ x: Int64, _ e: Int) -> Int64 {
        Int64((Double(x) / Double(sign: .plus, exponent: e, significand: 1)).rounded(.toNearestOrAwayFromZero))
    }
}

@Suite("FixedPoint")
struct FixedPointTests {
    @Test("quantizeMultiplier hand-computed values")
    func multiplierHandCases() {
        // 1/255 = 0.50196078… · 2^-7; 0.50196078 · 2^31 = 1077952576.25 → 1077952576.
        #expect(FixedPoint.quantizeMultiplier(1.0 / 255) == (1077952576, -7))
        // 1.0 = 0.5 · 2^1 → 2^30, shift 1.
        #expect(FixedPoint.quantizeMultiplier(1.0) == (1073741824, 1))
        // 0.75 = 0.75 · 2^0 → 0.75 · 2^31 = 1610612736.
        #expect(FixedPoint.quantizeMultiplier(0.75) == (1610612736, 0))
        #expect(FixedPoint.quantizeMultiplier(0.5) == (1073741824, 0))
        #expect(FixedPoint.quantizeMultiplier(0) == (0, 0))
        // 0.002 = 0.512 · 2^-8 → 0.512 · 2^31 = 1099511627.78 → 1099511628.
        #expect(FixedPoint.quantizeMultiplier(0.002) == (1099511628, -8))
    }

    @Test("quantizeMultiplier rounds up to 2^31 and renormalises")
    func multiplierRoundsToPowerOfTwo() {
        // 1 − 2^-40 = (1 − 2^-40) · 2^0; · 2^31 = 2^31 − 2^-9 → rounds to 2^31 → halved, shift + 1.
        #expect(FixedPoint.quantizeMultiplier(1 - 0x1p-40) == (1073741824, 1))
    }

    @Test("quantizeMultiplier flushes tiny and saturates huge values")
    func multiplierRange() {
        #expect(FixedPoint.quantizeMultiplier(0x1p-33) == (0, 0))        // shift would be −32
        #expect(FixedPoint.quantizeMultiplier(0x1p-32) == (1073741824, -31))
        #expect(FixedPoint.quantizeMultiplier(0x1p29) == (1073741824, 30))
        #expect(FixedPoint.quantizeMultiplier(0x1p31) == (Int32.max, 30))
    }

    @Test("quantizeMultiplier reconstructs the real within 2^-31 relative")
    func multiplierAccuracy() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let real = Double.random(in: 0x1p-30...0x1p29, using: &rng) * Double.random(in: 0...1, using: &rng)
            guard real >= 0x1p-31 else { continue }
            let (m, s) = FixedPoint.quantizeMultiplier(real)
            #expect(m >= 1 << 30)
            let back = Double(m) * Double(sign: .plus, exponent: s - 31, significand: 1)
            #expect(abs(back - real) <= real * 0x1p-31)
        }
    }

    @Test("saturatingRoundingDoublingHighMul edge cases")
    func srdhmEdges() {
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(Int32.min, Int32.min) == Int32.max)
        // −2^31 · (2^31 − 1) / 2^31 = −(2^31 − 1) exactly.
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(Int32.min, Int32.max) == -Int32.max)
        // (2^31 − 1)^2 / 2^31 = 2^31 − 2 + 2^-31 → 2147483646.
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(Int32.max, Int32.max) == 2147483646)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(1000, 1077952576) == 502)
        // Ties: 0.5 → 1, −0.5 → 0, −1.5 → −1, 1.5 → 2 (toward +∞).
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(1, 1 << 30) == 1)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(-1, 1 << 30) == 0)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30) == 2)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(0, Int32.min) == 0)
    }

    @Test("saturatingRoundingDoublingHighMul matches an exact Int64 reference")
    func srdhmRandom() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let a = Int32.random(in: .min ... .max, using: &rng), b = Int32.random(in: .min ... .max, using: &rng)
            if a == .min && b == .min { continue }
            #expect(Int64(FixedPoint.saturatingRoundingDoublingHighMul(a, b)) == Reference.srdhm(a, b))
        }
    }

    @Test("roundingDivideByPOT hand-computed ties")
    func rdbpotTies() {
        #expect(FixedPoint.roundingDivideByPOT(5, 1) == 3)      // 2.5 → 3
        #expect(FixedPoint.roundingDivideByPOT(-5, 1) == -3)    // −2.5 → −3
        #expect(FixedPoint.roundingDivideByPOT(-6, 2) == -2)    // −1.5 → −2
        #expect(FixedPoint.roundingDivideByPOT(-5, 2) == -1)    // −1.25 → −1
        #expect(FixedPoint.roundingDivideByPOT(502, 7) == 4)    // 3.92 → 4
        #expect(FixedPoint.roundingDivideByPOT(Int32.min, 31) == -1)
        #expect(FixedPoint.roundingDivideByPOT(Int32.max, 31) == 1)  // 0.99999 → 1
        #expect(FixedPoint.roundingDivideByPOT(-7, 0) == -7)
    }

    @Test("roundingDivideByPOT matches round-half-away for every exponent", arguments: 0...31)
    func rdbpotEveryExponent(_ e: Int) {
        var rng = SystemRandomNumberGenerator()
        let edges: [Int32] = [0, 1, -1, Int32.min, Int32.max, Int32.min + 1, 1 << 30, -(1 << 30)]
        for x in edges + (0..<500).map({ _ in Int32.random(in: .min ... .max, using: &rng) }) {
            #expect(Int64(FixedPoint.roundingDivideByPOT(x, e)) == Reference.rdbpot(Int64(x), e))
        }
    }

    @Test("multiplyByQuantizedMultiplier worked example and identity")
    func mbqmHand() {
        #expect(FixedPoint.multiplyByQuantizedMultiplier(1000, 1077952576, -7) == 4)
        #expect(FixedPoint.multiplyByQuantizedMultiplier(-1000, 1077952576, -7) == -4)
        // Multiplier 1.0 = (2^30, 1) is exact: SRDHM(2x, 2^30) = x.
        for x: Int32 in [-128, -1, 0, 3, 127, 1 << 20] {
            #expect(FixedPoint.multiplyByQuantizedMultiplier(x, 1 << 30, 1) == x)
        }
        // Left shift overflow is clamped: 2^30 · 2^2 → INT32_MAX, · 0.5 → 2^30.
        #expect(FixedPoint.multiplyByQuantizedMultiplier(1 << 30, 1 << 30, 2) == 1 << 30)
    }

    @Test("multiplyByQuantizedMultiplier rounds twice, per an independent reference, for every shift", arguments: -31...30)
    func mbqmEveryShift(_ shift: Int) {
        var rng = SystemRandomNumberGenerator()
        let left = max(shift, 0), right = max(-shift, 0)
        let limit = Int32.max >> left
        for _ in 0..<300 {
            let x = Int32.random(in: -limit...limit, using: &rng)
            let m = Int32.random(in: (1 << 30)...Int32.max, using: &rng)
            let xs = Int32(Int64(x) << Int64(left))
            let expected = Reference.rdbpot(Reference.srdhm(xs, m), right)
            let got = FixedPoint.multiplyByQuantizedMultiplier(x, m, shift)
            #expect(Int64(got) == expected)
            // And within one unit of the exact real product x · M · 2^(shift − 31).
            let exact = Double(x) * Double(m) * Double(sign: .plus, exponent: shift - 31, significand: 1)
            #expect(abs(Double(got) - exact) <= 1.0 + abs(exact) * 0x1p-50)
        }
    }

    @Test("64-bit variant: worked example and every shift in -31...14", arguments: -31...14)
    func mbqmWide(_ shift: Int) {
        #expect(FixedPoint.multiplyByQuantizedMultiplierWide(1000, 1077952576, -7) == 4)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let m = Int32.random(in: (1 << 30)...Int32.max, using: &rng)
            let reduced = m < 0x7FFF_0000 ? (Int64(m) + (1 << 15)) >> 16 : 0x7FFF
            let bound = Int64(1) << Int64(max(1, min(46, 30 - shift)))
            let x = Int64.random(in: -bound...bound, using: &rng)
            // floor(x · reduced / 2^(15 − shift) + 1/2), exact in Int64.
            let t = Int64(15 - shift)
            let expected = Reference.floorDiv(2 * x * reduced + (Int64(1) << t), Int64(1) << (t + 1))
            #expect(Int64(FixedPoint.multiplyByQuantizedMultiplierWide(x, m, shift)) == Int64(Int32(clamping: expected)))
        }
    }

    @Test("roundingShift (pow2) hand-computed values")
    func roundingShift() {
        #expect(FixedPoint.roundingShift(300, 4) == 19)   // 18.75
        #expect(FixedPoint.roundingShift(-24, 4) == -2)   // −1.5 → −2
        #expect(FixedPoint.roundingShift(5, -3) == 40)
        #expect(FixedPoint.roundingShift(1 << 30, -2) == Int32.max)
        #expect(FixedPoint.roundingShift(9, 0) == 9)
    }
}
