import Testing
import SmeltIR
@testable import SmeltFrontend

/// The flatbuffers reader and the TFLite importer's reading of shapes, weights and quantization.
@Suite("TFLite reader")
struct TFLiteReaderTests {
    @Test("a hand-made flatbuffer: root table with an int32 field, a string and a vector")
    func flatbuffer() throws {
        // root uoffset 16 → table at 16; vtable at 4: size 10, table 16 bytes, slots at +4 (int), +8 (string), +12 (vector)
        var b: [UInt8] = [16, 0, 0, 0,  10, 0, 16, 0, 4, 0, 8, 0, 12, 0, 0, 0]
        b += [12, 0, 0, 0]                      // table: soffset 12 → vtable at 16 − 12 = 4
        b += [0x2A, 0, 0, 0]                    // slot 0: int32 42
        b += [8, 0, 0, 0]                       // slot 1: string at 24 + 8 = 32
        b += [12, 0, 0, 0]                      // slot 2: vector at 28 + 12 = 40
        b += [2, 0, 0, 0, 0x68, 0x69, 0, 0]     // "hi"
        b += [2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 7, 0, 0, 0]  // [-1, 7]
        let root = try FlatBuffer(b).root()
        #expect(try root.int32(0) == 42)
        #expect(try root.string(1) == "hi")
        #expect(try root.vector(2)?.int32s() == [-1, 7])
        #expect(try root.int32(3, default: 5) == 5)      // absent slot → default
        #expect(throws: SmeltError.self) { try FlatBuffer(Array(b[..<40])).root().vector(2)?.int32s() }
    }

    @Test("builtin code is max(deprecated_builtin_code, builtin_code)")
    func builtinCode() {
        #expect(TFLiteOperatorCode.builtinCode(deprecated: 3, extended: 0) == 3)      // old file
        #expect(TFLiteOperatorCode.builtinCode(deprecated: 0, extended: 9) == 9)      // model_editor: int only
        #expect(TFLiteOperatorCode.builtinCode(deprecated: 127, extended: 150) == 150)
    }

    @Test("FC fixture: shapes, int8 per-channel weights, int32 bias, activation parameters")
    func fcFixture() throws {
        let path = Fixtures.folder("tflite") + "/fc.tflite"
        let model = try TFLiteModel(bytes: try Fixtures.bytes(path))
        let g = try TFLiteImporter.load(path: path)
        #expect(g.nodes.map(\.op) == [.dense(activation: .none)])
        let x = try g.requireTensor("x"), w = try g.requireTensor("fc1_w"), b = try g.requireTensor("fc1_b")
        #expect(x.shape == [16] && x.dtype == .int8)                    // [1, 16] without batch
        #expect(w.shape == [8, 16] && w.dtype == .int8 && w.quant?.axis == 0 && w.quant?.scales.count == 8)
        #expect(b.shape == [8] && b.dtype == .int32)
        let fw = model.tensors.first { $0.name == "fc1_w" }!
        #expect(w.data == .int8(try model.data(fw.buffer).map { Int8(bitPattern: $0) }))
        #expect(w.quant?.scales == fw.scales)
        // bias scale = s_in · s_w[c]
        for c in 0..<8 { #expect(b.quant!.scales[c] == x.quant!.scales[0] * w.quant!.scales[c]) }
    }

    @Test("conv, depthwise and pool options are read", arguments: [
        ("conv_same_s2_relu6", Op.conv2d(ConvAttributes(stride: 2, padding: .same, activation: .relu6))),
        ("depthwise_valid_s2", Op.depthwiseConv2d(ConvAttributes(stride: 2, padding: .valid))),
        ("maxpool_same", Op.maxPool2d(PoolAttributes(size: 3, stride: 2, padding: .same))),
    ])
    func options(name: String, op: Op) throws {
        let g = try TFLiteImporter.load(path: Fixtures.folder("tflite") + "/\(name).tflite")
        #expect(g.nodes.first?.op == op)
    }

    @Test("QUANTIZE / DEQUANTIZE edges become quantize / dequantize with float graph edges")
    func edges() throws {
        let g = try TFLiteImporter.load(path: Fixtures.folder("tflite") + "/edges.tflite")
        #expect(g.nodes.map(\.op.kind) == [.quantize, .dense, .dequantize])
        #expect(g.tensor("x_float")?.dtype == .float32)
        #expect(g.tensor("x_q")?.quant != nil)
    }

    @Test("not a TFLite file, and every truncation, give one-line errors naming the file")
    func badFiles() throws {
        #expect(throws: SmeltError("m.tflite: not a TFLite file (no \"TFL3\" identifier at bytes 4–7)")) {
            try TFLiteImporter.decode([1, 2, 3], path: "m.tflite")
        }
        let bytes = try Fixtures.bytes(Fixtures.folder("tflite") + "/conv_relu.tflite")
        for n in stride(from: 0, to: bytes.count, by: 7) {
            do {
                _ = try TFLiteImporter.decode(Array(bytes[..<n]), path: "t.tflite")
                Issue.record("a \(n)-byte prefix was accepted")
            } catch let e as SmeltError {
                #expect(e.message.hasPrefix("t.tflite: "))
            }
        }
    }
}

@Suite("TFLite fuzz")
struct TFLiteFuzzTests {
    @Test("1,200 mutated fixtures: each imports or fails with a one-line error naming the file")
    func fuzz() throws {
        let names = ["cnn", "mlp", "add_relu", "concat", "mean", "edges"]
        let models = try names.map { try Fixtures.bytes(Fixtures.folder("tflite") + "/\($0).tflite") }
        var rng = SplitMix64(seed: 7)
        var failures = 0
        for i in 0..<1200 {
            let bytes = mutate(models[i % models.count], &rng)
            do {
                _ = try TFLiteImporter.decode(bytes, path: "fuzz.tflite")
            } catch let e as SmeltError {
                failures += 1
                #expect(e.message.hasPrefix("fuzz.tflite: ") && !e.message.contains("\n"), "case \(i): \(e.message)")
            }
        }
        #expect(failures > 300)
    }
}
