import Testing
import SmeltIR
@testable import SmeltQuant
import SmeltEmulator

/// A tiny Dense quantized by hand in each scheme: W = [[0.6, −1.0], [0.25, 0.1]], b = [0.1, −0.2],
/// calibration x ∈ [−1, 1], y ∈ [−2, 2].
@Suite("Quantize a tiny Dense by hand")
struct QuantizeDenseTests {
    @Test("int8: parameters, weights, bias, multipliers and one output")
    func int8() throws {
        let q = try Quantizer.quantize(graph: TestGraphs.tinyDense(), calibration: TestGraphs.tinyDenseCalibration, scheme: .int8)
        // x: [−1, 1] → scale 2/255; zero point: from min −128 + 127.5 = −0.5 (error 255.5), from max
        // 127 − 127.5 = −0.5 (error 254.5, smaller) → round(−0.5) = −1.
        let x = try q.requireTensor("x")
        #expect(x.dtype == .int8 && x.quant == QuantParams(scale: Float(2.0 / 255), zeroPoint: -1))
        let y = try q.requireTensor("y")
        #expect(y.quant == QuantParams(scale: Float(4.0 / 255), zeroPoint: -1))
        // Weights per output channel: s0 = 1/127 → [0.6·127 = 76.2 → 76, −127];
        // s1 = 0.25/127 → [127, 0.1/0.25·127 = 50.8 → 51].
        let w = try q.requireTensor("w")
        #expect(w.data == .int8([76, -127, 127, 51]))
        #expect(w.quant?.axis == 0 && w.quant?.scales == [Float(1) / 127, Float(0.25) / 127])
        // Bias at s_x·s_w[c]: 0.1 / (2/255 · 1/127) = 1619.25 → 1619; −0.2 / (2/255 · 0.25/127) = −12954.
        let b = try q.requireTensor("b")
        #expect(b.data == .int32([1619, -12954]))
        // Multipliers: s_x·s_w0/s_y = 1/254 (from float32 scales 0.0039370078593) = 0.50393700… · 2^-7
        // → M = 1082196480 (the exact 1/254 would give 1082196484; the float32 scales shift it), shift −7;
        // channel 1 is 1/1016 = the same mantissa · 2^-9.
        let rq = try Requantization.forNode(q.nodes[0], in: q)
        #expect(rq.multipliers == [QuantizedMultiplier(multiplier: 1082196480, shift: -7),
                                   QuantizedMultiplier(multiplier: 1082196480, shift: -9)])
        #expect(rq.inputZeroPoints == [-1] && rq.outputZeroPoint == -1 && rq.activationMin == -128 && rq.activationMax == 127)
        // x = [0.5, −0.25] → round(63.75) − 1 = 63, round(−31.875) − 1 = −33.
        let xq = try q.quantizeInput([0.5, -0.25])
        #expect(xq == [63, -33])
        // acc0 = 1619 + (63+1)·76 + (−33+1)·(−127) = 1619 + 4864 + 4064 = 10547
        //   → SRDHM(10547, M) = 5315, RDBPOT(5315, 7) = 41.52 → 42, + zp −1 = 41.
        // acc1 = −12954 + 64·127 + (−32)·51 = −6458 → SRDHM = −3254, RDBPOT(−3254, 9) = −6.36 → −6, − 1 = −7.
        let out = try IntegerInterpreter(graph: q).run(xq)
        #expect(out == [41, -7])
        // Dequantized: 42·4/255 = 0.659 vs the float 0.65; −6·4/255 = −0.094 vs −0.1.
        let real = try q.dequantizeOutput(out)
        #expect(abs(real[0] - 0.65) < 0.016 && abs(real[1] + 0.1) < 0.016)
    }

    @Test("int16: symmetric activations, int64 bias, 64-bit requantization")
    func int16() throws {
        let q = try Quantizer.quantize(graph: TestGraphs.tinyDense(), calibration: TestGraphs.tinyDenseCalibration, scheme: .int16)
        #expect(try q.requireTensor("x").quant == QuantParams(scale: Float(1.0 / 32767), zeroPoint: 0))
        #expect(try q.requireTensor("y").quant == QuantParams(scale: Float(2.0 / 32767), zeroPoint: 0))
        #expect(try q.requireTensor("w").data == .int8([76, -127, 127, 51]))
        // 0.1 / (1/32767 · 1/127) = 416140.9 → 416141; −0.2 / (1/32767 · 0.25/127) = −3329127.3 → −3329127.
        #expect(try q.requireTensor("b").data == .int64([416141, -3329127]))
        // x = [0.4, −0.3] → [13106.8 → 13107, −9830.1 → −9830].
        let xq = try q.quantizeInput([0.4, -0.3])
        #expect(xq == [13107, -9830])
        // acc0 = 416141 + 13107·76 + (−9830)(−127) = 2660683; M = 1082196480 → reduced 16513, shift −7 →
        // (2660683·16513 + 2^21) >> 22 = 10475 (the real product is 10475.13).
        // acc1 = −3329127 + 13107·127 + (−9830)·51 = −2165868; shift −9 → total 24 → −2132 (−2131.76).
        #expect(try IntegerInterpreter(graph: q).run(xq) == [10475, -2132])
    }

    @Test("pow2: fractional bits, shift-only requantization")
    func pow2() throws {
        let q = try Quantizer.quantize(graph: TestGraphs.tinyDense(), calibration: TestGraphs.tinyDenseCalibration, scheme: .pow2)
        // |x| ≤ 1: 1·2^6 = 64 ≤ 127 < 128 → n = 6; |y| ≤ 2 → n = 5; max|w| = 1 → n = 6.
        #expect(try q.requireTensor("x").quant?.fractionalBits == 6)
        #expect(try q.requireTensor("y").quant?.fractionalBits == 5)
        let w = try q.requireTensor("w")
        #expect(w.quant?.fractionalBits == 6)
        // w·64 = [38.4 → 38, −64, 16, 6.4 → 6]; bias · 2^12 = [409.6 → 410, −819.2 → −819].
        #expect(w.data == .int8([38, -64, 16, 6]))
        #expect(try q.requireTensor("b").data == .int32([410, -819]))
        #expect(try Requantization.forNode(q.nodes[0], in: q).shifts == [7, 7])   // 6 + 6 − 5
        // x = [0.5, −0.25] → [32, −16]; acc0 = 410 + 32·38 + (−16)(−64) = 2650 → 2650/128 = 20.7 → 21;
        // acc1 = −819 + 32·16 − 16·6 = −403 → −3.15 → −3. Float: 0.65·32 = 20.8, −0.1·32 = −3.2.
        let xq = try q.quantizeInput([0.5, -0.25])
        #expect(xq == [32, -16])
        #expect(try IntegerInterpreter(graph: q).run(xq) == [21, -3])
    }

    @Test("fused ReLU6 clamps at zero point and 6/s")
    func relu6() throws {
        let cal = Calibration(ranges: ["x": TensorRange(min: -1, max: 1), "y": TensorRange(min: 0, max: 12.75)], sampleCount: 1)
        let q = try Quantizer.quantize(graph: TestGraphs.tinyDense(activation: .relu6), calibration: cal, scheme: .int8)
        // y: [0, 12.75] → scale 0.05, zp −128; ReLU6 upper = −128 + round(6/0.05) = −8.
        let rq = try Requantization.forNode(q.nodes[0], in: q)
        #expect(rq.activationMin == -128 && rq.activationMax == -8)
    }

    @Test("errors name the node or tensor")
    func errors() throws {
        #expect(throws: SmeltError("tensor \"y\" has no calibration range")) {
            try Quantizer.quantize(graph: TestGraphs.tinyDense(), calibration: Calibration(ranges: ["x": TensorRange(min: 0, max: 1)], sampleCount: 1), scheme: .int8)
        }
        var g = TestGraphs.tinyDense()
        g.setTensor(.constant("g", shape: [2], values: [1, 1]))
        g.setTensor(.constant("bt", shape: [2], values: [0, 0]))
        g.setTensor(Tensor(name: "z", shape: [2]))
        g.nodes.append(Node(name: "bn", op: .batchNorm(epsilon: 0.001), inputs: ["y", "g", "bt", "bt", "g"], output: "z"))
        g.outputs = ["z"]
        #expect(throws: SmeltError("node \"bn\": BatchNorm must be folded before quantization (run Pipeline.standard)")) {
            try Quantizer.quantize(graph: g, calibration: TestGraphs.tinyDenseCalibration, scheme: .int8)
        }
    }
}
