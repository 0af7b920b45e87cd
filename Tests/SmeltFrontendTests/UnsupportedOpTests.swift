import Testing
import SmeltIR
@testable import SmeltFrontend

/// An unsupported op is one error line naming the file, the op, the node and every supported op.
@Suite("Unsupported ops")
struct UnsupportedOpTests {
    static let tfliteList = "ADD, AVERAGE_POOL_2D, CONCATENATION, CONV_2D, DEPTHWISE_CONV_2D, DEQUANTIZE, FULLY_CONNECTED, "
        + "LOGISTIC, MAX_POOL_2D, MEAN, QUANTIZE, RELU, RELU6, RESHAPE, SOFTMAX, TANH"

    static func message(_ body: () throws -> Graph) -> String {
        do { _ = try body(); return "no error" } catch let e as SmeltError { return e.message } catch { return "\(error)" }
    }

    @Test("TFLite MUL after a supported FULLY_CONNECTED")
    func tfliteBuiltin() {
        let path = Fixtures.folder("tflite") + "/bad_unsupported.tflite"
        #expect(Self.message { try TFLiteImporter.load(path: path) }
            == "\(path): node \"mul_1\": unsupported TFLite op MUL (builtin 18, output \"product\") (supported: \(Self.tfliteList))")
    }

    @Test("TFLite custom op names its custom code")
    func tfliteCustom() {
        let path = Fixtures.folder("tflite") + "/bad_custom.tflite"
        #expect(Self.message { try TFLiteImporter.load(path: path) }
            == "\(path): node \"custom_0\": unsupported TFLite op CUSTOM \"SmeltMystery\" (builtin 32, output \"y\") (supported: \(Self.tfliteList))")
    }

    @Test("the TFLite names table agrees with the supported list and has every schema code")
    func names() {
        #expect(TFLiteBuiltinNames.all.count == 210)
        for (code, name) in TFLiteImporter.supportedOps { #expect(TFLiteBuiltinNames.name(code) == name) }
        #expect(TFLiteBuiltinNames.name(18) == "MUL" && TFLiteBuiltinNames.name(999) == "builtin 999")
    }

    @Test("ONNX Erf names the op, the node and every supported op")
    func onnx() {
        let path = Fixtures.folder("onnx") + "/bad_unsupported.onnx"
        let list = ONNXImporter.supportedOps.sorted().joined(separator: ", ")
        #expect(Self.message { try ONNXImporter.load(path: path) }
            == "\(path): node \"erf1\": unsupported ONNX op \"Erf\" (supported: \(list))")
    }
}
