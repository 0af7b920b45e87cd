import Foundation
import Testing
@testable import SmeltIR

/// The node key "semantics" ("smelt" / "tflm") in the model JSON.
@Suite("Node semantics in the model JSON")
struct NodeSemanticsTests {
    static func graph(_ semantics: IntegerSemantics, op: Op = .softmax) -> Graph {
        var g = Graph(name: "s")
        g.setTensor(Tensor(name: "x", shape: [4], dtype: .float32))
        g.setTensor(Tensor(name: "y", shape: [4], dtype: .float32))
        g.inputs = ["x"]
        g.outputs = ["y"]
        g.nodes = [Node(name: "n", op: op, inputs: ["x"], output: "y", semantics: semantics)]
        return g
    }

    @Test("tflm is written and read back; smelt is not written")
    func roundTrip() throws {
        let tflm = ModelFile.encode(Self.graph(.tflm), sidecar: nil).json
        let text = String(decoding: tflm, as: UTF8.self)
        #expect(text.contains("\"semantics\": \"tflm\""))
        #expect(try ModelFile.decode(tflm, path: "m.json").nodes[0].semantics == .tflm)
        let smelt = ModelFile.encode(Self.graph(.smelt), sidecar: nil).json
        #expect(!String(decoding: smelt, as: UTF8.self).contains("semantics"))
        #expect(try ModelFile.decode(smelt, path: "m.json").nodes[0].semantics == .smelt)
    }

    @Test("tflm on an op without a TFLite variant, or an unknown value, is an error")
    func errors() throws {
        let text = String(decoding: ModelFile.encode(Self.graph(.tflm), sidecar: nil).json, as: UTF8.self)
        let onReLU = text.replacingOccurrences(of: "\"op\": \"Softmax\"", with: "\"op\": \"ReLU\"")
        let e1 = Fixtures.message { try ModelFile.decode(Data(onReLU.utf8), path: "m.json") }
        #expect(e1 == "m.json: node \"n\": \"semantics\" \"tflm\" applies only to Softmax and GlobalAveragePool, not ReLU")
        let bad = text.replacingOccurrences(of: "\"tflm\"", with: "\"tf\"")
        let e2 = Fixtures.message { try ModelFile.decode(Data(bad.utf8), path: "m.json") }
        #expect(e2.contains("semantics \"tf\" is not one of \"smelt\", \"tflm\""), "\(e2)")
    }
}
