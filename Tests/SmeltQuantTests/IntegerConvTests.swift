import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator

/// Conv2D and DepthwiseConv2D integer semantics on hand-computed examples.
@Suite("Integer Conv2D / DepthwiseConv2D")
struct IntegerConvTests {
    /// 3×3 'same' conv over a 2×2×1 input with weights 1…9: at output (0,0) only kernel rows/cols
    /// 1…2 see the input. With x − zp = [2, 4, 0, −2]:
    /// (0,0) = 2·5 + 4·6 + 0·8 − 2·9 = 16; (0,1) = 2·4 + 4·5 + 0·7 − 2·8 = 12;
    /// (1,0) = 2·2 + 4·3 + 0·5 − 2·6 = 4; (1,1) = 2·1 + 4·2 + 0·4 − 2·5 = 0.
    private func sameConv(dtype: DType, xScale: Float, xZp: Int32, xBits: Int?, w: Tensor, bias: Tensor?,
                          outScale: Float, outBits: Int?) -> Graph {
        let x = TestGraphs.act("x", [2, 2, 1], scale: xScale, zp: xZp, dtype: dtype, bits: xBits)
        let y = TestGraphs.act("y", [2, 2, 1], scale: outScale, zp: 0, dtype: dtype, bits: outBits)
        return TestGraphs.oneNode(.conv2d(ConvAttributes(stride: 1, padding: .same)), ins: [x], consts: [w] + (bias.map { [$0] } ?? []), out: y)
    }

    private func weight(bits: Int? = nil, scale: Float = 0.5) -> Tensor {
        Tensor(name: "w", shape: [1, 3, 3, 1], dtype: .int8, data: .int8([1, 2, 3, 4, 5, 6, 7, 8, 9]),
               quant: QuantParams(scales: [scale], zeroPoints: [0], axis: bits == nil ? 0 : nil, fractionalBits: bits))
    }

    @Test("int8 'same' padding: padded positions contribute 0, multiplier 1.0 is exact")
    func int8Same() throws {
        // s_in 0.5 · s_w 0.5 / s_out 0.25 = 1.0.
        let g = sameConv(dtype: .int8, xScale: 0.5, xZp: 1, xBits: nil, w: weight(), bias: nil, outScale: 0.25, outBits: nil)
        #expect(try IntegerInterpreter(graph: g).run([3, 5, 1, -1]) == [16, 12, 4, 0])
    }

    @Test("int8 valid conv with bias and a rounding right shift")
    func int8Valid() throws {
        // x − zp = [2, 4, 0, −2], w = [1, 2, −1, 3]: acc = 10 + 2 + 8 + 0 − 6 = 14;
        // multiplier 0.5 · 0.25 / 1 = 0.125 = (2^30, −2): SRDHM(14, 2^30) = 7, 7/4 = 1.75 → 2; + zp −2 = 0.
        let x = TestGraphs.act("x", [2, 2, 1], scale: 0.5, zp: 1)
        let w = Tensor(name: "w", shape: [1, 2, 2, 1], dtype: .int8, data: .int8([1, 2, -1, 3]),
                       quant: QuantParams(scales: [0.25], zeroPoints: [0], axis: 0))
        let b = Tensor(name: "b", shape: [1], dtype: .int32, data: .int32([10]), quant: QuantParams(scales: [0.125], zeroPoints: [0], axis: 0))
        let g = TestGraphs.oneNode(.conv2d(ConvAttributes()), ins: [x], consts: [w, b], out: TestGraphs.act("y", [1, 1, 1], scale: 1, zp: -2))
        #expect(try Requantization.forNode(g.nodes[0], in: g).multipliers == [QuantizedMultiplier(multiplier: 1 << 30, shift: -2)])
        #expect(try IntegerInterpreter(graph: g).run([3, 5, 1, -1]) == [0])
    }

    @Test("int16 conv: int64 bias, wide requantization rounds half up")
    func int16() throws {
        // acc = [16, 12, 4, 0] + 101 = [117, 113, 105, 101]; multiplier 0.5 → reduced 2^14, total shift 15:
        // (acc · 2^14 + 2^14) >> 15 = floor(acc/2 + 1/2) = [59, 57, 53, 51].
        let b = Tensor(name: "b", shape: [1], dtype: .int64, data: .int64([101]), quant: QuantParams(scales: [0.25], zeroPoints: [0], axis: 0))
        let g = sameConv(dtype: .int16, xScale: 0.5, xZp: 0, xBits: nil, w: weight(), bias: b, outScale: 0.5, outBits: nil)
        #expect(try IntegerInterpreter(graph: g).run([2, 4, 0, -2]) == [59, 57, 53, 51])
    }

    @Test("pow2 conv: shift n_in + n_w − n_out")
    func pow2() throws {
        // n_in 2, n_w 3, n_out 4 → right shift 1; bias 1 at n = 5: acc = [17, 13, 5, 1] → [9, 7, 3, 1] (ties away).
        let b = Tensor(name: "b", shape: [1], dtype: .int32, data: .int32([1]), quant: QuantParams(scales: [1.0 / 32], zeroPoints: [0], fractionalBits: 5))
        let g = sameConv(dtype: .int8, xScale: 0.25, xZp: 0, xBits: 2, w: weight(bits: 3, scale: 0.125), bias: b, outScale: 1.0 / 16, outBits: 4)
        #expect(try Requantization.forNode(g.nodes[0], in: g).shifts == [1])
        #expect(try IntegerInterpreter(graph: g).run([2, 4, 0, -2]) == [9, 7, 3, 1])
    }

    @Test("depthwise conv: per-channel weights on axis 3 and per-channel multipliers")
    func depthwise() throws {
        // Input 1×2×2 = [[1, 2], [3, 4]] (pixel, channel); kernel 1×2, w[0,0,kx,c] = [[1, −1], [2, 1]].
        // c0 = 1·1 + 3·2 = 7 (multiplier 1·0.5/0.5 = 1); c1 = 2·(−1) + 4·1 = 2 (multiplier 0.25/0.5 → 1).
        let x = TestGraphs.act("x", [1, 2, 2], scale: 1, zp: 0)
        let w = Tensor(name: "w", shape: [1, 1, 2, 2], dtype: .int8, data: .int8([1, -1, 2, 1]),
                       quant: QuantParams(scales: [0.5, 0.25], zeroPoints: [0, 0], axis: 3))
        let g = TestGraphs.oneNode(.depthwiseConv2d(ConvAttributes()), ins: [x], consts: [w], out: TestGraphs.act("y", [1, 1, 2], scale: 0.5, zp: 0))
        #expect(try IntegerInterpreter(graph: g).run([1, 2, 3, 4]) == [7, 1])
    }

    @Test("int8 dense: output saturates at the int8 range")
    func denseSaturates() throws {
        // acc = 127·127·2 = 32258, multiplier 1.0 → clamp to 127; negated → −128.
        let x = TestGraphs.act("x", [2], scale: 1, zp: 0)
        let w = Tensor(name: "w", shape: [2, 2], dtype: .int8, data: .int8([127, 127, -127, -127]),
                       quant: QuantParams(scales: [1, 1], zeroPoints: [0, 0], axis: 0))
        let g = TestGraphs.oneNode(.dense(activation: .none), ins: [x], consts: [w], out: TestGraphs.act("y", [2], scale: 1, zp: 0))
        #expect(try IntegerInterpreter(graph: g).run([127, 127]) == [127, -128])
    }
}
