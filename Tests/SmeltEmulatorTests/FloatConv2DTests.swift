import Testing
import SmeltIR
import SmeltEmulator

/// Hand-computed convolutions. Unless stated, the input is the 3×3×1 ramp
/// ```
/// 1 2 3
/// 4 5 6
/// 7 8 9
/// ```
/// and the kernel is the 2×2×1 `[[1, 2], [3, 4]]` (weight `[1, 2, 2, 1]`).
@Suite struct FloatConv2DTests {
    let k2 = Tensor.constant("w", shape: [1, 2, 2, 1], values: [1, 2, 3, 4])

    func conv(_ a: ConvAttributes, input: [Float] = ramp(9), shape: [Int] = [3, 3, 1], _ constants: [Tensor]) throws -> (values: [Float], shape: [Int]) {
        try runOneNode(.conv2d(a), input: input, shape: shape, constants: constants)
    }

    /// Valid, stride 1 → 2×2: (0,0) 1+4+12+20 = 37, (0,1) 2+6+15+24 = 47,
    /// (1,0) 4+10+21+32 = 67, (1,1) 5+12+24+36 = 77.
    @Test func validStride1() throws {
        let r = try conv(ConvAttributes(stride: 1, padding: .valid), [k2])
        #expect(r.shape == [2, 2, 1])
        expectClose(r.values, [37, 47, 67, 77])
    }

    /// Same, stride 2 → ⌈3/2⌉ = 2; total pad (2−1)·2 + 2 − 3 = 1 → 0 before, 1 after.
    /// (0,0) 1·1+2·2+4·3+5·4 = 37; (0,1) 3·1+6·3 = 21; (1,0) 7·1+8·2 = 23; (1,1) 9·1 = 9.
    @Test func sameStride2() throws {
        let r = try conv(ConvAttributes(stride: 2, padding: .same), [k2])
        #expect(r.shape == [2, 2, 1])
        expectClose(r.values, [37, 21, 23, 9])
    }

    /// Stride (1, 2) valid → 2×1: the (0,0) and (1,0) windows of `validStride1`.
    @Test func unequalStrides() throws {
        let r = try conv(ConvAttributes(strideH: 1, strideW: 2, padding: .valid), [k2])
        #expect(r.shape == [2, 1, 1])
        expectClose(r.values, [37, 67])
    }

    /// Same, stride 1, 3×3 ones kernel → pad 1 on every side; each output is its 3×3 neighbourhood sum.
    @Test func sameStride1Symmetric() throws {
        let ones = Tensor.constant("w", shape: [1, 3, 3, 1], values: [Float](repeating: 1, count: 9))
        let r = try conv(ConvAttributes(stride: 1, padding: .same), [ones])
        expectClose(r.values, [12, 21, 16, 27, 45, 33, 24, 39, 28])
    }

    /// Asymmetric same: 4×4 ramp, 3×3 ones, stride 2 → out 2, total pad (2−1)·2 + 3 − 4 = 1:
    /// 0 before, 1 after. (0,0) rows 0–2 × cols 0–2 = 1+2+3+5+6+7+9+10+11 = 54;
    /// (0,1) cols 2–3 = 3+4+7+8+11+12 = 45; (1,0) rows 2–3 = 9+10+11+13+14+15 = 72;
    /// (1,1) = 11+12+15+16 = 54. (Padding 1 before would give (0,0) = 1+2+5+6 = 14.)
    @Test func sameEvenInputStride2PadsAfter() throws {
        let ones = Tensor.constant("w", shape: [1, 3, 3, 1], values: [Float](repeating: 1, count: 9))
        let r = try conv(ConvAttributes(stride: 2, padding: .same), input: ramp(16), shape: [4, 4, 1], [ones])
        #expect(r.shape == [2, 2, 1])
        expectClose(r.values, [54, 45, 72, 54])
    }

    /// 1×2×2 input, pixels (1, 2) and (3, 4); kernel 1×2, 2 in → 2 out:
    /// oc0 taps [1, 0], [0, 1] → 1 + 4 = 5; oc1 taps [0.5, −1], [2, 0] → 0.5 − 2 + 6 = 4.5.
    /// Bias [1, −1] → [6, 3.5].
    @Test func multiChannelWithBias() throws {
        let w = Tensor.constant("w", shape: [2, 1, 2, 2], values: [1, 0, 0, 1, 0.5, -1, 2, 0])
        let b = Tensor.constant("b", shape: [2], values: [1, -1])
        let r = try conv(ConvAttributes(stride: 1), input: [1, 2, 3, 4], shape: [1, 2, 2], [w, b])
        #expect(r.shape == [1, 1, 2])
        expectClose(r.values, [6, 3.5])
        let noBias = try conv(ConvAttributes(stride: 1), input: [1, 2, 3, 4], shape: [1, 2, 2], [w])
        expectClose(noBias.values, [5, 4.5])
    }

    /// Bias −50 on [37, 47, 67, 77] → [−13, −3, 17, 27]; ReLU → [0, 0, 17, 27]; ReLU6 → [0, 0, 6, 6].
    @Test(arguments: [(Activation.none, [Float](arrayLiteral: -13, -3, 17, 27)),
                      (.relu, [0, 0, 17, 27]), (.relu6, [0, 0, 6, 6])])
    func fusedActivation(_ act: Activation, _ expected: [Float]) throws {
        let b = Tensor.constant("b", shape: [1], values: [-50])
        let r = try conv(ConvAttributes(stride: 1, padding: .valid, activation: act), [k2, b])
        expectClose(r.values, expected)
    }
}
