import Testing
import SmeltIR
@testable import SmeltFrontend

/// Systematic corruptions on top of the random fuzz suites: every aligned 32-bit word of TFLite
/// models (outside the weight bytes) overwritten with huge or boundary values (vector counts, offsets, shape dimensions, tensor
/// and buffer indices), 10-byte 0xFF runs (huge varint lengths) at every offset of an ONNX model,
/// and graphs whose operators read values written later (cycles). Every case must import or fail
/// with a one-line error naming the file; none may crash, hang or allocate without bound.
@Suite("Structured fuzz")
struct StructuredFuzzTests {
    static func expectClearError(_ path: String, _ body: () throws -> Graph) -> Bool {
        do {
            _ = try body()
            return false
        } catch let e as SmeltError {
            #expect(e.message.hasPrefix("\(path): ") && !e.message.contains("\n"), "\(e.message)")
            return true
        } catch {
            Issue.record("not a SmeltError: \(error)")
            return true
        }
    }

    @Test("TFLite: every aligned word of cnn and edges outside weight data set to 4 huge or boundary values")
    func tfliteWords() throws {
        var cases = 0, failures = 0
        for name in ["cnn", "edges"] {
            let bytes = try Fixtures.bytes(Fixtures.folder("tflite") + "/\(name).tflite")
            let weights = try TFLiteModel(bytes: bytes).buffers.filter { !$0.isEmpty }
            for at in stride(from: 0, to: bytes.count - 3, by: 4) where !weights.contains(where: { $0.contains(at) }) {
                for v: UInt32 in [0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0x0100_0000] {
                    var b = bytes
                    for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
                    cases += 1
                    if Self.expectClearError("w.tflite", { try TFLiteImporter.decode(b, path: "w.tflite") }) { failures += 1 }
                }
            }
        }
        print("structured TFLite fuzz: \(cases) cases, \(failures) rejected with an error, the rest imported")
        #expect(cases > 2000)
        #expect(failures > cases / 2, "\(failures) of \(cases) rejected")
    }

    @Test("TFLite: an operator reading a later operator's output, or its own, is an error")
    func tfliteCycles() throws {
        let bytes = try Fixtures.bytes(Fixtures.folder("tflite") + "/mlp.tflite")
        let model = try TFLiteModel(bytes: bytes)
        let sg = try FlatBuffer(bytes).root().vector(2)!.table(0)
        let ops = try sg.vector(3)!
        let last = model.operators.count - 1
        // Input 0 of operator `reader` := output of operator `writer`.
        for (reader, writer) in [(0, last), (0, 0), (1, 2), (last, last)] {
            let inputs = try ops.table(reader).vector(1)!
            var b = bytes
            let v = UInt32(model.operators[writer].outputs[0])
            for k in 0..<4 { b[inputs.start + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
            #expect(Self.expectClearError("cyc.tflite") { try TFLiteImporter.decode(b, path: "cyc.tflite") },
                    "operator \(reader) reading operator \(writer)'s output was accepted")
        }
    }

    @Test("ONNX: a 10-byte 0xFF run (huge varint, length or tag) at every offset of gemm and qdq")
    func onnxVarints() throws {
        var cases = 0
        for name in ["gemm", "qdq"] {
            let bytes = try Fixtures.bytes(Fixtures.folder("onnx") + "/\(name).onnx")
            for at in 0..<bytes.count {
                var b = bytes
                for k in at..<min(at + 10, b.count) { b[k] = 0xFF }
                cases += 1
                _ = Self.expectClearError("v.onnx") { try ONNXImporter.decode(b, path: "v.onnx") }
            }
        }
        print("structured ONNX fuzz: \(cases) cases")
        #expect(cases > 1000)
    }

    @Test("ONNX: a node reading its own output, and huge initializer dimensions, are errors")
    func onnxStructure() {
        typealias N = ONNXBuilder.NodeSpec
        let selfLoop = ONNXBuilder.model(nodes: [N(op: "Add", name: "a", inputs: ["x", "y"], outputs: ["y"])], initializers: [],
                                         input: ("x", [1, 4]), output: ("y", [1, 4]))
        #expect(Self.expectClearError("s.onnx") { try ONNXImporter.decode(selfLoop, path: "s.onnx") })
        let huge = ONNXBuilder.model(nodes: [N(op: "Gemm", name: "g", inputs: ["x", "W"], outputs: ["y"])],
                                     initializers: [("W", [1 << 40, 1 << 40], [1, 2])], input: ("x", [1, 4]), output: ("y", [1, 4]))
        #expect(Self.expectClearError("h.onnx") { try ONNXImporter.decode(huge, path: "h.onnx") })
        let hugeInput = ONNXBuilder.model(nodes: [N(op: "Relu", name: "r", inputs: ["x"], outputs: ["y"])], initializers: [],
                                          input: ("x", [1, 1 << 40, 1 << 40, 1 << 40]), output: ("y", [1, 4]))
        #expect(Self.expectClearError("i.onnx") { try ONNXImporter.decode(hugeInput, path: "i.onnx") })
    }
}
