import Testing
import SmeltIR
import SmeltEmulator

/// Quantize/Dequantize edges of a float graph with int8, scale 0.5, zero point −1.
@Suite struct FloatQuantizeTests {
    let qp = QuantParams(scale: 0.5, zeroPoint: -1)

    /// x / 0.5 = [2.5, −2.5, 200, −200, 0.4] → round half away [3, −3, 200, −200, 0] − 1
    /// → clamp to int8 [2, −4, 127, −128, −1].
    @Test func quantizeRoundsAndClamps() throws {
        let g = Graph(name: "q",
                      tensors: [Tensor(name: "x", shape: [5]), Tensor(name: "q", shape: [5], dtype: .int8, quant: qp)],
                      nodes: [Node(name: "quant", op: .quantize, inputs: ["x"], output: "q")],
                      inputs: ["x"], outputs: ["q"])
        expectClose(try FloatInterpreter(graph: g).run([1.25, -1.25, 100, -100, 0.2]), [2, -4, 127, -128, -1])
    }

    /// 0.5 · ([2, −4, 127] + 1) = [1.5, −1.5, 64].
    @Test func dequantize() throws {
        let g = Graph(name: "dq",
                      tensors: [Tensor(name: "q", shape: [3], dtype: .int8, quant: qp)],
                      nodes: [Node(name: "dequant", op: .dequantize, inputs: ["q"], output: "y")],
                      inputs: ["q"], outputs: ["y"])
        expectClose(try FloatInterpreter(graph: g).run([2, -4, 127]), [1.5, -1.5, 64])
    }

    /// Round trip x → q → x': [1.25, −1.25, 100, −100, 0.2] → [1.5, −1.5, 64, −63.5, 0].
    @Test func roundTrip() throws {
        let g = Graph(name: "qdq",
                      tensors: [Tensor(name: "x", shape: [5]), Tensor(name: "q", shape: [5], dtype: .int8, quant: qp)],
                      nodes: [Node(name: "quant", op: .quantize, inputs: ["x"], output: "q"),
                              Node(name: "dequant", op: .dequantize, inputs: ["q"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let all = try FloatInterpreter(graph: g).runAll(inputs: ["x": [1.25, -1.25, 100, -100, 0.2]])
        expectClose(all["q"]!, [2, -4, 127, -128, -1])
        expectClose(all["y"]!, [1.5, -1.5, 64, -63.5, 0])
    }

    /// A Quantize output without quantization parameters is rejected at load.
    @Test func missingParamsThrow() throws {
        let g = Graph(name: "q",
                      tensors: [Tensor(name: "x", shape: [1]), Tensor(name: "q", shape: [1], dtype: .int8)],
                      nodes: [Node(name: "quant", op: .quantize, inputs: ["x"], output: "q")],
                      inputs: ["x"], outputs: ["q"])
        #expect(throws: SmeltError.self) { try FloatInterpreter(graph: g) }
    }
}
