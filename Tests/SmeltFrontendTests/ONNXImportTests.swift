import Testing
import SmeltIR
@testable import SmeltFrontend

/// Layout conversion, quantization parameters and error messages of the ONNX importer.
@Suite("ONNX importer")
struct ONNXImportTests {
    typealias N = ONNXBuilder.NodeSpec

    @Test("Conv weight OIHW [2, 3, 1, 2] = 0…11 becomes OHWI: w[o][0][x][i] = 6o + 2i + x")
    func convLayout() throws {
        let bytes = ONNXBuilder.model(nodes: [N(op: "Conv", name: "conv", inputs: ["x", "W"], outputs: ["y"])],
                                      initializers: [("W", [2, 3, 1, 2], (0..<12).map(Float.init))],
                                      input: ("x", [1, 3, 4, 4]), output: ("y", [1, 2, 4, 3]))
        let g = try ONNXImporter.decode(bytes, path: "conv.onnx")
        #expect(g.tensor("x")?.shape == [4, 4, 3])
        let w = try #require(g.tensors.first { $0.name.hasPrefix("W") })
        #expect(w.shape == [2, 1, 2, 3])
        #expect(w.data == .float32([0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11]))
        #expect(g.nodes.map(\.op) == [.conv2d(ConvAttributes(stride: 1, padding: .valid))])
        #expect(g.tensor("y")?.shape == [4, 3, 2])
    }

    @Test("depthwise Conv weight [C=2, 1, 1, 2] = 0…3 becomes [1, 1, 2, C]: w[0][0][x][c] = 2c + x")
    func depthwiseLayout() throws {
        let bytes = ONNXBuilder.model(nodes: [N(op: "Conv", name: "dw", inputs: ["x", "W"], outputs: ["y"], int: ["group": 2])],
                                      initializers: [("W", [2, 1, 1, 2], [0, 1, 2, 3])],
                                      input: ("x", [1, 2, 3, 3]), output: ("y", [1, 2, 3, 2]))
        let g = try ONNXImporter.decode(bytes, path: "dw.onnx")
        let w = try #require(g.tensors.first { $0.name.hasPrefix("W") })
        #expect(w.shape == [1, 1, 2, 2])
        #expect(w.data == .float32([0, 2, 1, 3]))
        #expect(g.nodes.first?.op.kind == .depthwiseConv2d)
    }

    @Test("Gemm B [in 2, out 3] (transB 0) becomes Dense [3, 2] = Bᵀ")
    func gemmLayout() throws {
        let bytes = ONNXBuilder.model(nodes: [N(op: "Gemm", name: "fc", inputs: ["x", "B"], outputs: ["y"])],
                                      initializers: [("B", [2, 3], [1, 2, 3, 4, 5, 6])],
                                      input: ("x", [1, 2]), output: ("y", [1, 3]))
        let g = try ONNXImporter.decode(bytes, path: "fc.onnx")
        let w = try #require(g.tensors.first { $0.name.hasPrefix("B") })
        #expect(w.shape == [3, 2])
        #expect(w.data == .float32([1, 4, 2, 5, 3, 6]))
    }

    @Test("Flatten of [C 2, H 1, W 2] then Gemm: Dense columns follow Smelt's HWC order [0, 2, 1, 3]")
    func flattenPermutesColumns() throws {
        #expect(ONNXConversion.flattenOrder(h: 1, w: 2, c: 2) == [0, 2, 1, 3])
        #expect(ONNXConversion.flattenOrder(h: 1, w: 1, c: 5) == nil)
        let bytes = ONNXBuilder.model(nodes: [N(op: "Flatten", name: "flat", inputs: ["x"], outputs: ["f"]),
                                              N(op: "Gemm", name: "fc", inputs: ["f", "B"], outputs: ["y"], int: ["transB": 1])],
                                      initializers: [("B", [1, 4], [10, 20, 30, 40])],
                                      input: ("x", [1, 2, 1, 2]), output: ("y", [1, 1]))
        let g = try ONNXImporter.decode(bytes, path: "flat.onnx")
        let w = try #require(g.tensors.first { $0.name.hasPrefix("B") })
        #expect(w.data == .float32([10, 30, 20, 40]))
    }

    @Test("QDQ scales and zero points are kept on the float tensors (uint8 zero points shifted by −128)")
    func qdqParams() throws {
        let g = try ONNXImporter.load(path: Fixtures.folder("onnx") + "/qdq.onnx")
        #expect(g.tensor("x")?.quant == QuantParams(scale: Float(4.0 / 255), zeroPoint: 0))       // uint8 zp 128
        #expect(g.tensor("r")?.quant == QuantParams(scale: Float(3.0 / 255), zeroPoint: -128))    // uint8 zp 0
        let w = try #require(g.tensors.first { $0.name.hasPrefix("w/") })
        #expect(w.quant?.axis == 0)
        #expect(w.quant?.scales.count == 4)
        #expect(w.quant?.zeroPoints == [0, 0, 0, 0])
        let f = try #require(g.tensors.first { $0.name.hasPrefix("f_w") })
        #expect(f.quant == QuantParams(scale: 0.01, zeroPoint: 0))
        #expect(f.dtype == .float32)
        #expect(!g.nodes.contains { $0.op.kind == .quantize || $0.op.kind == .dequantize })
    }

    @Test("bad models give one line naming the file and node", arguments: [
        ("bad_unsupported", "node \"erf1\": unsupported ONNX op \"Erf\" (supported: Add, AveragePool,"),
        ("bad_pads", "node \"conv_tl\": pads [1, 1, 0, 0] are neither valid ([0, 0, 0, 0]) nor TensorFlow's same ([1, 1, 1, 1]) for input 6×6, kernel 3×3, stride 1×1"),
        ("bad_group", "node \"grouped\": group 3 with weight [6, 2, 3, 3] on 6 channels is not supported"),
    ])
    func badModels(name: String, message: String) {
        let path = Fixtures.folder("onnx") + "/\(name).onnx"
        #expect { try ONNXImporter.load(path: path) } throws: { e in
            let m = (e as? SmeltError)?.message ?? ""
            return m.hasPrefix("\(path): \(message)") && !m.contains("\n")
        }
    }

    @Test("opset outside 11–23, cycles and unknown inputs are errors")
    func structuralErrors() {
        let old = ONNXBuilder.model(opset: 9, nodes: [N(op: "Relu", name: "r", inputs: ["x"], outputs: ["y"])], initializers: [],
                                    input: ("x", [1, 4]), output: ("y", [1, 4]))
        #expect(throws: SmeltError("old.onnx: opset 9 is not supported (supported: 11–23)")) { try ONNXImporter.decode(old, path: "old.onnx") }
        let cycle = ONNXBuilder.model(nodes: [N(op: "Add", name: "a", inputs: ["x", "b"], outputs: ["a"]),
                                              N(op: "Relu", name: "b", inputs: ["a"], outputs: ["b"])], initializers: [],
                                      input: ("x", [1, 4]), output: ("b", [1, 4]))
        #expect(throws: SmeltError("cyc.onnx: node \"a\": input \"b\" is not defined")) { try ONNXImporter.decode(cycle, path: "cyc.onnx") }
    }

    @Test("every truncation of a model is a clear error")
    func truncated() throws {
        let bytes = try Fixtures.bytes(Fixtures.folder("onnx") + "/gemm.onnx")
        for n in 0..<bytes.count {
            do {
                _ = try ONNXImporter.decode(Array(bytes[..<n]), path: "t.onnx")
                Issue.record("a \(n)-byte prefix of gemm.onnx was accepted")
            } catch let e as SmeltError {
                #expect(e.message.hasPrefix("t.onnx: "))
            }
        }
    }

    @Test("missing external data file is an error naming the tensor")
    func missingExternal() throws {
        let bytes = try Fixtures.bytes(Fixtures.folder("onnx") + "/external_data.onnx")
        #expect { try ONNXImporter.decode(bytes, path: "ext.onnx", baseDirectory: "/nonexistent") } throws: { e in
            (e as? SmeltError)?.message == "ext.onnx: tensor \"W\": cannot open external data file /nonexistent/external_data.data"
        }
    }
}
