import Testing
import SmeltIR
import SmeltEmulator

/// Max and average pooling with TensorFlow semantics (padding never counted).
@Suite struct FloatPoolTests {
    func pool(_ op: Op, _ x: [Float], _ shape: [Int]) throws -> (values: [Float], shape: [Int]) {
        try runOneNode(op, input: x, shape: shape)
    }

    /// 4×4 ramp, 2×2 / 2 valid: windows {1,2,5,6}, {3,4,7,8}, {9,10,13,14}, {11,12,15,16}.
    @Test func valid2x2() throws {
        let m = try pool(.maxPool2d(PoolAttributes(size: 2)), ramp(16), [4, 4, 1])
        #expect(m.shape == [2, 2, 1])
        expectClose(m.values, [6, 8, 14, 16])
        let a = try pool(.averagePool2d(PoolAttributes(size: 2)), ramp(16), [4, 4, 1])
        expectClose(a.values, [3.5, 5.5, 11.5, 13.5])
    }

    /// 3×3 ramp, 2×2 / 2 same (pad 0 before, 1 after): windows {1,2,4,5}, {3,6}, {7,8}, {9}.
    /// Max [5, 6, 8, 9]; average divides by the real count: [12/4, 9/2, 15/2, 9/1] = [3, 4.5, 7.5, 9].
    @Test func sameStride2ExcludesPadding() throws {
        let m = try pool(.maxPool2d(PoolAttributes(size: 2, padding: .same)), ramp(9), [3, 3, 1])
        expectClose(m.values, [5, 6, 8, 9])
        let a = try pool(.averagePool2d(PoolAttributes(size: 2, padding: .same)), ramp(9), [3, 3, 1])
        expectClose(a.values, [3, 4.5, 7.5, 9])
    }

    /// All-negative input: a padded zero must never win the max → [−1, −3, −7, −9].
    @Test func maxIgnoresPaddingWithNegatives() throws {
        let m = try pool(.maxPool2d(PoolAttributes(size: 2, padding: .same)), ramp(9).map { -$0 }, [3, 3, 1])
        expectClose(m.values, [-1, -3, -7, -9])
    }

    /// 3×3 window stride 1 same on the 3×3 ramp: neighbourhood sums [12, 21, 16, 27, 45, 33, 24, 39, 28]
    /// over counts [4, 6, 4, 6, 9, 6, 4, 6, 4] = [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7].
    @Test func averageSameStride1Counts() throws {
        let a = try pool(.averagePool2d(PoolAttributes(size: 3, stride: 1, padding: .same)), ramp(9), [3, 3, 1])
        #expect(a.shape == [3, 3, 1])
        expectClose(a.values, [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7])
    }

    /// Two channels pooled independently: 2×2×2 with c0 = 1, 2, 3, 4 and c1 = 10, −20, 30, −40.
    @Test func multiChannel() throws {
        let x: [Float] = [1, 10, 2, -20, 3, 30, 4, -40]
        expectClose(try pool(.maxPool2d(PoolAttributes(size: 2)), x, [2, 2, 2]).values, [4, 30])
        expectClose(try pool(.averagePool2d(PoolAttributes(size: 2)), x, [2, 2, 2]).values, [2.5, -5])
    }

    /// Non-square window 1×3, stride (1, 1) valid on a 2×3 ramp: row maxima [3, 6], means [2, 5].
    @Test func rectangularWindow() throws {
        let p = PoolAttributes(sizeH: 1, sizeW: 3, strideH: 1, strideW: 1)
        let m = try pool(.maxPool2d(p), ramp(6), [2, 3, 1])
        #expect(m.shape == [2, 1, 1])
        expectClose(m.values, [3, 6])
        expectClose(try pool(.averagePool2d(p), ramp(6), [2, 3, 1]).values, [2, 5])
    }
}
