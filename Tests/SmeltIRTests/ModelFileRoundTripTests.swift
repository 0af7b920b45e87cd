import Foundation
import Testing
@testable import SmeltIR

@Suite("Model JSON round trip")
struct ModelFileRoundTripTests {
    static let tinyJSON = """
        {
          "format": "smelt-model",
          "version": 1,
          "name": "tiny",
          "metadata": {},
          "inputs": ["x"],
          "outputs": ["y"],
          "tensors": [
            {
              "name": "x",
              "shape": [1],
              "dtype": "float32"
            },
            {
              "name": "fc1.weight",
              "shape": [1, 1],
              "dtype": "float32",
              "data": {
                "base64": "AACAPw=="
              }
            },
            {
              "name": "fc1.bias",
              "shape": [1],
              "dtype": "float32",
              "data": {
                "base64": "AAAAPw=="
              }
            }
          ],
          "nodes": [
            {
              "name": "fc1",
              "op": "Dense",
              "inputs": ["x", "fc1.weight", "fc1.bias"],
              "output": "y",
              "attributes": {
                "activation": "relu"
              }
            }
          ]
        }

        """

    @Test func writerLayoutIsExactlyTheDocumentedOne() {
        // 1.0f = 0x3F800000 → LE 00 00 80 3F → "AACAPw=="; 0.5f = 0x3F000000 → "AAAAPw==".
        let (json, side) = ModelFile.encode(Fixtures.tinyDense())
        #expect(String(decoding: json, as: UTF8.self) == Self.tinyJSON)
        #expect(side == nil)
    }

    @Test func decodeReadsTheHandWrittenText() throws {
        let g = try ModelFile.decode(Data(Self.tinyJSON.utf8), path: "tiny.json")
        #expect(g == Fixtures.tinyDense())
    }

    @Test func sidecarLayoutIsAlignedTo16Bytes() throws {
        let (json, side) = ModelFile.encode(Fixtures.tinyDense(), sidecar: "tiny.bin")
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"data\": {\n        \"file\": \"tiny.bin\",\n        \"offset\": 0\n      }"))
        #expect(text.contains("\"offset\": 16"))
        let expected: [UInt8] = [0x00, 0x00, 0x80, 0x3F] + [UInt8](repeating: 0, count: 12) + [0x00, 0x00, 0x00, 0x3F]
        #expect(side.map { [UInt8]($0) } == expected)
    }

    @Test func everyOpAppearsAndSurvivesBase64RoundTrip() throws {
        let g = try Fixtures.everyOpGraph()
        #expect(Set(g.nodes.map(\.op.kind)) == Set(OpKind.allCases))
        let (json, _) = ModelFile.encode(g)
        let back = try ModelFile.decode(json, path: "every.json")
        #expect(back == g)
        #expect(ModelFile.encode(back).json == json)
        #expect(try back.verified() == g)
    }

    @Test func fileRoundTripIsByteIdenticalWithBase64() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p1 = dir + "/a.json", p2 = dir + "/b.json"
        try ModelFile.write(try Fixtures.everyOpGraph(), to: p1)
        try ModelFile.write(try ModelFile.load(path: p1), to: p2)
        #expect(try Fixtures.read(p1) == Fixtures.read(p2))
        // decode (unverified) → write is also identical.
        try ModelFile.write(try ModelFile.decode(Fixtures.read(p1), path: p1), to: p2)
        #expect(try Fixtures.read(p1) == Fixtures.read(p2))
    }

    @Test func fileRoundTripIsByteIdenticalWithSidecar() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/one", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/two", withIntermediateDirectories: true)
        let g = try Fixtures.everyOpGraph()
        try ModelFile.write(g, to: dir + "/one/model.json", sidecar: true)
        let loaded = try ModelFile.load(path: dir + "/one/model.json")
        #expect(loaded == g)
        try ModelFile.write(loaded, to: dir + "/two/model.json", sidecar: true)
        #expect(try Fixtures.read(dir + "/one/model.json") == Fixtures.read(dir + "/two/model.json"))
        #expect(try Fixtures.read(dir + "/one/model.bin") == Fixtures.read(dir + "/two/model.bin"))
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/two").sorted() == ["model.bin", "model.json"])
    }

    @Test func quantizedTensorsKeepDTypeDataAndParameters() throws {
        var g = Fixtures.tinyDense()
        g.setTensor(Tensor(name: "q", shape: [4], dtype: .int8, data: .int8([-128, -1, 0, 127]),
                           quant: QuantParams(scales: [0.1, 1e-05, 0.25, 3.0517578e-05], zeroPoints: [0, 0, 0, 0], axis: 0)))
        g.setTensor(Tensor(name: "b16", shape: [2], dtype: .int16, data: .int16([-32768, 32767]),
                           quant: QuantParams(scales: [0.0078125], zeroPoints: [0], fractionalBits: 7)))
        g.setTensor(Tensor(name: "b32", shape: [1], dtype: .int32, data: .int32([-2_147_483_648])))
        g.setTensor(Tensor(name: "b64", shape: [1], dtype: .int64, data: .int64([Int64.min + 1])))
        let (json, _) = ModelFile.encode(g)
        let text = String(decoding: json, as: UTF8.self)
        // Shortest round-trip spellings; nulls for absent optional quantization fields.
        #expect(text.contains("\"scales\": [0.1, 1e-05, 0.25, 3.0517578e-05]"))
        #expect(text.contains("\"axis\": null,\n        \"fractional_bits\": 7"))
        // int8 [-128, -1, 0, 127] = bytes 80 FF 00 7F → "gP8Afw==".
        #expect(text.contains("\"base64\": \"gP8Afw==\""))
        let back = try ModelFile.decode(json, path: "q.json")
        #expect(back == g)
        #expect(ModelFile.encode(back).json == json)
    }

    @Test func optionalAttributesTakeTheirDocumentedDefaults() throws {
        let text = Self.tinyJSON
            .replacingOccurrences(of: "\"attributes\": {\n        \"activation\": \"relu\"\n      }", with: "\"attributes\": {}")
        let g = try ModelFile.decode(Data(text.utf8), path: "t.json")
        #expect(g.nodes[0].op == .dense(activation: .none))
        let pool = JSONFields(JSONObject([("size", .ints([3, 2]))]), context: "node \"p\"")
        #expect(try ModelFileAttributes.decode(.maxPool2d, pool) == .maxPool2d(PoolAttributes(sizeH: 3, sizeW: 2, strideH: 3, strideW: 2)))
        #expect(try ModelFileAttributes.decode(.conv2d, JSONFields(JSONObject(), context: "")) == .conv2d(ConvAttributes()))
        #expect(try ModelFileAttributes.decode(.batchNorm, JSONFields(JSONObject(), context: "")) == .batchNorm(epsilon: 0.001))
    }

    @Test func activationTensorsMayBeOmitted() throws {
        // The tiny file lists no tensor "y" (the Dense output); verification adds it with its shape.
        let g = try ModelFile.decode(Data(Self.tinyJSON.utf8), path: "t.json")
        #expect(g.tensor("y") == nil)
        let v = try g.verified()
        #expect(v.tensor("y")?.shape == [1])
    }
}
