import Testing
import SmeltIR
import SmeltEmulator

/// Input 2×2×2 with pixels (c0, c1) = (1, 10), (2, 20), (3, 30), (4, 40).
/// Kernel 2×2 per channel: c0 `[[1, 2], [3, 4]]`, c1 `[[1, 0], [0, −1]]`,
/// stored `[1, kH, kW, C]` → [1, 1, 2, 0, 3, 0, 4, −1].
@Suite struct FloatDepthwiseConv2DTests {
    let x: [Float] = [1, 10, 2, 20, 3, 30, 4, 40]
    let w = Tensor.constant("w", shape: [1, 2, 2, 2], values: [1, 1, 2, 0, 3, 0, 4, -1])

    func dw(_ a: ConvAttributes, _ constants: [Tensor]) throws -> (values: [Float], shape: [Int]) {
        try runOneNode(.depthwiseConv2d(a), input: x, shape: [2, 2, 2], constants: constants)
    }

    /// Valid → 1×1×2: c0 = 1+4+9+16 = 30; c1 = 10 − 40 = −30.
    @Test func validNoBias() throws {
        let r = try dw(ConvAttributes(stride: 1), [w])
        #expect(r.shape == [1, 1, 2])
        expectClose(r.values, [30, -30])
    }

    /// Bias [0, 0.5] → [30, −29.5].
    @Test func validWithBias() throws {
        let b = Tensor.constant("b", shape: [2], values: [0, 0.5])
        expectClose(try dw(ConvAttributes(stride: 1), [w, b]).values, [30, -29.5])
    }

    /// ReLU → [30, 0]; ReLU6 → [6, 0].
    @Test func fusedActivations() throws {
        expectClose(try dw(ConvAttributes(stride: 1, activation: .relu), [w]).values, [30, 0])
        expectClose(try dw(ConvAttributes(stride: 1, activation: .relu6), [w]).values, [6, 0])
    }

    /// Same, stride 1 on 2×2 with a 2×2 kernel: total pad 1 → 0 before, 1 after.
    /// c0: (0,0) 30, (0,1) 2·1+4·3 = 14, (1,0) 3·1+4·2 = 11, (1,1) 4·1 = 4.
    /// c1: (0,0) 10−40 = −30, (0,1) 20, (1,0) 30, (1,1) 40.
    @Test func sameStride1AsymmetricPad() throws {
        let r = try dw(ConvAttributes(stride: 1, padding: .same), [w])
        #expect(r.shape == [2, 2, 2])
        expectClose(r.values, [30, -30, 14, 20, 11, 30, 4, 40])
    }

    /// One channel, 3×3 ramp, kernel [[1, 2], [3, 4]], same stride 2: as the Conv2D case, [37, 21, 23, 9].
    @Test func sameStride2SingleChannel() throws {
        let w1 = Tensor.constant("w", shape: [1, 2, 2, 1], values: [1, 2, 3, 4])
        let r = try runOneNode(.depthwiseConv2d(ConvAttributes(stride: 2, padding: .same)), input: ramp(9), shape: [3, 3, 1], constants: [w1])
        expectClose(r.values, [37, 21, 23, 9])
    }
}
