import Testing
import SmeltIR
import SmeltEmulator

@Suite struct FloatGlobalAveragePoolTests {
    /// 2×2×2 with c0 = 1, 2, 3, 4 → 2.5 and c1 = 10, 20, 30, 40 → 25.
    @Test func twoChannels() throws {
        let r = try runOneNode(.globalAveragePool, input: [1, 10, 2, 20, 3, 30, 4, 40], shape: [2, 2, 2])
        #expect(r.shape == [2])
        expectClose(r.values, [2.5, 25])
    }

    /// 1×3×1 [1, 2, 6] → 3.
    @Test func singleRow() throws {
        expectClose(try runOneNode(.globalAveragePool, input: [1, 2, 6], shape: [1, 3, 1]).values, [3])
    }
}
