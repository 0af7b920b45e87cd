import Foundation
import Testing
@testable import SmeltIR

/// Every bad input gives one line prefixed by the file path and naming the tensor or node.
@Suite("Model JSON errors")
struct ModelFileErrorTests {
    static let good = ModelFileRoundTripTests.tinyJSON

    /// The message decoding `text` (after replacing `old` by `new`) as `m.json` throws.
    func decodeError(_ old: String = "", _ new: String = "", in text: String = good) -> String {
        precondition(old.isEmpty || text.contains(old), "fixture does not contain \(old)")
        let t = old.isEmpty ? text : text.replacingOccurrences(of: old, with: new)
        return Fixtures.message { try ModelFile.decode(Data(t.utf8), path: "m.json") }
    }

    @Test func truncatedJSONNamesThePosition() {
        let cut = String(Self.good.prefix(40))   // ends after `  "version"` on line 3
        #expect(decodeError(in: cut) == "m.json: truncated or invalid JSON: unexpected end of input at line 3, column 12 (byte 40)")
        #expect(decodeError("\"version\": 1,", "\"version\": 1,,")
            == "m.json: truncated or invalid JSON: expected a string key at line 3, column 16 (byte 44)")
        #expect(decodeError(in: "") == "m.json: truncated or invalid JSON: unexpected end of input at line 1, column 1 (byte 0)")
    }

    @Test func unknownOp() {
        #expect(decodeError("\"op\": \"Dense\"", "\"op\": \"Foo\"") == "m.json: node \"fc1\": unknown op \"Foo\"")
    }

    @Test func unknownDType() {
        #expect(decodeError("\"shape\": [1, 1],\n      \"dtype\": \"float32\"", "\"shape\": [1, 1],\n      \"dtype\": \"float64\"")
            == "m.json: tensor \"fc1.weight\": dtype \"float64\" is not one of \"float32\", \"int8\", \"int16\", \"int32\", \"int64\"")
    }

    @Test func nonPositiveDimensions() {
        #expect(decodeError("\"shape\": [1, 1]", "\"shape\": [1, 0]")
            == "m.json: tensor \"fc1.weight\": dimension 0 in shape [1, 0] must be positive")
        #expect(decodeError("\"shape\": [1, 1]", "\"shape\": [-2, 1]")
            == "m.json: tensor \"fc1.weight\": dimension -2 in shape [-2, 1] must be positive")
        #expect(decodeError("\"shape\": [1, 1]", "\"shape\": [1000000, 1000000]")
            == "m.json: tensor \"fc1.weight\": shape [1000000, 1000000] has too many elements")
    }

    @Test func wrongDataLength() {
        // "AACA" decodes to 3 bytes; a float32 [1, 1] needs 4.
        #expect(decodeError("AACAPw==", "AACA")
            == "m.json: tensor \"fc1.weight\": base64 data has 3 bytes, shape [1, 1] of float32 needs 4")
        #expect(decodeError("AACAPw==", "AACAP!==") == "m.json: tensor \"fc1.weight\": data is not valid base64")
    }

    @Test func nanWeightReachesVerification() throws {
        // 0x7FC00000 (quiet NaN) little-endian = 00 00 C0 7F → "AADAfw==".
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nan.json"
        try Data(Self.good.replacingOccurrences(of: "AACAPw==", with: "AADAfw==").utf8).write(to: URL(fileURLWithPath: path))
        #expect(Fixtures.message { try ModelFile.load(path: path) } == "\(path): tensor \"fc1.weight\": value nan at index 0 is not finite")
        // +Inf = 0x7F800000 → "AACAfw==" in the bias.
        try Data(Self.good.replacingOccurrences(of: "AAAAPw==", with: "AACAfw==").utf8).write(to: URL(fileURLWithPath: path))
        #expect(Fixtures.message { try ModelFile.load(path: path) } == "\(path): tensor \"fc1.bias\": value inf at index 0 is not finite")
    }

    @Test func sidecarMissingOrTooShort() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/m.json"
        try ModelFile.write(Fixtures.tinyDense(), to: path, sidecar: true)
        // The bias sits at offset 16 and needs bytes 16..<20; cut the file to 18 bytes.
        try Fixtures.read(dir + "/m.bin").prefix(18).write(to: URL(fileURLWithPath: dir + "/m.bin"))
        #expect(Fixtures.message { try ModelFile.load(path: path) }
            == "\(path): tensor \"fc1.bias\": sidecar \"m.bin\" has 18 bytes, shape [1] of float32 needs 4 from offset 16")
        try FileManager.default.removeItem(atPath: dir + "/m.bin")
        #expect(Fixtures.message { try ModelFile.load(path: path) }
            == "\(path): tensor \"fc1.weight\": sidecar file \"m.bin\" not found (looked for \(dir)/m.bin)")
    }

    @Test func missingModelFile() {
        #expect(Fixtures.message { try ModelFile.load(path: "/nonexistent/m.json") }
            == "/nonexistent/m.json: cannot read the model file (no such file)")
    }

    @Test func missingAndIllTypedFields() {
        #expect(decodeError("\"dtype\": \"float32\",\n      \"data\": {\n        \"base64\": \"AACAPw==\"", "\"data\": {\n        \"base64\": \"AACAPw==\"")
            == "m.json: tensor \"fc1.weight\": missing field \"dtype\"")
        #expect(decodeError("\"shape\": [1, 1]", "\"shape\": \"1x1\"")
            == "m.json: tensor \"fc1.weight\": field \"shape\" must be an array of integers, got a string")
        #expect(decodeError("\"shape\": [1, 1]", "\"shape\": [1, 1.5]")
            == "m.json: tensor \"fc1.weight\": field \"shape\" must be an array of integers, got a number")
        #expect(decodeError("\"output\": \"y\"", "\"output\": 3") == "m.json: node \"fc1\": field \"output\" must be a string, got a number")
        #expect(decodeError("\"name\": \"fc1\",\n      \"op\"", "\"op\"") == "m.json: nodes[0]: missing field \"name\"")
        #expect(decodeError("\"nodes\": [", "\"nodez\": [") == "m.json: unknown field \"nodez\"")
        #expect(decodeError("\"dtype\": \"float32\"\n    },\n    {\n      \"name\": \"fc1.weight\"", "\"dtype\": \"float32\"\n    },\n    {\n      \"name\": \"x\"")
            == "m.json: tensor \"x\" is declared twice")
        #expect(decodeError("\"tensors\": [", "\"tensors\": 5, \"x\": [") == "m.json: unknown field \"x\"")
        #expect(decodeError(in: "[1]") == "m.json: the model must be a JSON object, got an array")
    }

    @Test func formatAndVersion() {
        #expect(decodeError("\"version\": 1", "\"version\": 2") == "m.json: unsupported format version 2 (this Smelt reads version 1)")
        #expect(decodeError("\"smelt-model\"", "\"onnx\"") == "m.json: \"format\" is \"onnx\", expected \"smelt-model\"")
    }

    @Test func badAttributes() {
        #expect(decodeError("\"activation\": \"relu\"", "\"activation\": \"gelu\"")
            == "m.json: node \"fc1\": activation \"gelu\" is not one of \"none\", \"relu\", \"relu6\"")
        #expect(decodeError("\"activation\": \"relu\"", "\"padding\": \"same\"")
            == "m.json: node \"fc1\": unknown attribute \"padding\" for Dense")
        #expect(decodeError("\"op\": \"Dense\"", "\"op\": \"MaxPool2D\"") == "m.json: node \"fc1\": unknown attribute \"activation\" for MaxPool2D")
        #expect(decodeError("\"op\": \"Dense\",", "\"op\": \"Conv2D\",").contains("no error"))
        #expect(decodeError("\"activation\": \"relu\"", "\"activation\": \"relu\", \"strides\": [0, 1]", in: Self.good.replacingOccurrences(of: "Dense", with: "Conv2D"))
            == "m.json: node \"fc1\": attribute \"strides\" must be 2 positive integers [h, w], got [0, 1]")
    }

    @Test func verificationErrorsCarryThePath() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/v.json"
        let text = Self.good.replacingOccurrences(of: "\"shape\": [1],\n      \"dtype\": \"float32\"\n    },\n    {\n      \"name\": \"fc1.weight\"",
                                                  with: "\"shape\": [2],\n      \"dtype\": \"float32\"\n    },\n    {\n      \"name\": \"fc1.weight\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(Fixtures.message { try ModelFile.load(path: path) } == "\(path): node \"fc1\": input has 2 features, weight expects 1")
    }
}
