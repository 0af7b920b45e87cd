import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

@Suite struct SizeReportTests {
    @Test func parsesBerkeleyOutput() throws {
        let text = "   text\t   data\t    bss\t    dec\t    hex\tfilename\n   9000\t    100\t  15000\t  24100\t   5e24\tfw.elf\n"
        let r = try SizeReport.parse(text, path: "fw.elf")
        #expect(r == SizeReport(text: 9000, data: 100, bss: 15000))
        #expect(r.flashBytes == 9100 && r.ramBytes == 15100)
    }

    @Test func fitAndShortfalls() throws {
        let m0 = try Board.load("cortex-m0")  // 262144 flash, 16384 RAM
        let small = SizeReport(text: 9000, data: 100, bss: 15000)
        #expect(small.fit(on: m0).fits)
        #expect(abs(small.ramShare(of: m0) - 15100.0 / 16384.0) < 1e-12)
        let big = SizeReport(text: 300_000, data: 44, bss: 20_000)
        let fit = big.fit(on: m0)
        #expect(fit.flashShortfall == 300_044 - 262_144)  // 37900
        #expect(fit.ramShortfall == 20_044 - 16_384)       // 3660
        #expect(fit.description == "does not fit cortex-m0: flash short by 37900 bytes, RAM short by 3660 bytes")
        #expect(throws: SmeltError("big.elf: does not fit cortex-m0: flash short by 37900 bytes, RAM short by 3660 bytes")) {
            try big.requireFit(on: m0, path: "big.elf")
        }
    }
}
