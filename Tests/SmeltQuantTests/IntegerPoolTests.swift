import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator

/// Pools, GlobalAveragePool, unfused ReLU / ReLU6 and Reshape on hand-computed int8 examples.
@Suite("Integer pools and activations")
struct IntegerPoolTests {
    private func run(_ op: Op, _ inShape: [Int], _ outShape: [Int], _ x: [Int32], scale: Float = 1, zp: Int32 = 0) throws -> [Int32] {
        let g = TestGraphs.oneNode(op, ins: [TestGraphs.act("x", inShape, scale: scale, zp: zp)],
                                   out: TestGraphs.act("y", outShape, scale: scale, zp: zp))
        return try IntegerInterpreter(graph: g).run(x)
    }

    @Test("MaxPool2D: 2×2 window, and 'same' padding ignores padded positions")
    func maxPool() throws {
        #expect(try run(.maxPool2d(PoolAttributes(size: 2)), [2, 2, 1], [1, 1, 1], [-3, 7, 2, 7]) == [7])
        // Width 3, window 2, stride 2, same → out width 2; the second window holds only −7 (not 0 or zp).
        #expect(try run(.maxPool2d(PoolAttributes(sizeH: 1, sizeW: 2, strideH: 1, strideW: 2, padding: .same)),
                        [1, 3, 1], [1, 2, 1], [-5, -9, -7], zp: 3) == [-5, -7])
    }

    @Test("AveragePool2D rounds half away from zero")
    func averagePool() throws {
        // [−1, −2] → (−3 − 1)/2 = −2 (−1.5 → −2); [3, 4] → (7 + 1)/2 = 4 (3.5 → 4).
        #expect(try run(.averagePool2d(PoolAttributes(sizeH: 1, sizeW: 2, strideH: 1, strideW: 2)), [1, 4, 1], [1, 2, 1],
                        [-1, -2, 3, 4]) == [-2, 4])
        // [1, 2, 2, 2] → (7 + 2)/4 = 2 (1.75).
        #expect(try run(.averagePool2d(PoolAttributes(size: 2)), [2, 2, 1], [1, 1, 1], [1, 2, 2, 2]) == [2])
    }

    @Test("GlobalAveragePool per channel")
    func globalAverage() throws {
        // c0: [1, 2] → 2 (1.5 → 2); c1: [−3, −4] → (−7 − 1)/2 = −4 (−3.5 → −4).
        #expect(try run(.globalAveragePool, [2, 1, 2], [2], [1, -3, 2, -4]) == [2, -4])
    }

    @Test("ReLU and ReLU6 clamp at the zero point and at zp + round(6/s)")
    func relu() throws {
        // scale 0.1, zp −5: ReLU → [−5, 127]; ReLU6 → [−5, −5 + 60 = 55].
        #expect(try run(.relu, [4], [4], [-10, -5, 3, 127], scale: 0.1, zp: -5) == [-5, -5, 3, 127])
        #expect(try run(.relu6, [4], [4], [-10, -5, 3, 127], scale: 0.1, zp: -5) == [-5, -5, 3, 55])
    }

    @Test("Reshape and Flatten copy")
    func reshape() throws {
        #expect(try run(.flatten, [1, 2, 2], [4], [1, -2, 3, -4]) == [1, -2, 3, -4])
        #expect(try run(.reshape(shape: [2, 2]), [4], [2, 2], [9, 8, 7, -6]) == [9, 8, 7, -6])
    }
}
