import Foundation
import Testing
@testable import SmeltIR

/// The examples in docs/model-format.md are what the code reads and writes.
@Suite("Model format documentation")
struct ModelFormatDocTests {
    static func jsonBlocks() throws -> [String] {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/model-format.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        return text.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    static func sine() -> Graph {
        Graph(name: "sine",
              tensors: [Tensor(name: "x", shape: [1]),
                        .constant("fc1.weight", shape: [2, 1], values: [1.0, -0.5]),
                        .constant("fc1.bias", shape: [2], values: [0.0, 0.25]),
                        Tensor(name: "h", shape: [2]),
                        .constant("fc2.weight", shape: [1, 2], values: [2.0, 1.0]),
                        .constant("fc2.bias", shape: [1], values: [0.1]),
                        Tensor(name: "y", shape: [1])],
              nodes: [Node(name: "fc1", op: .dense(activation: .relu), inputs: ["x", "fc1.weight", "fc1.bias"], output: "h"),
                      Node(name: "fc2", op: .dense(activation: .none), inputs: ["h", "fc2.weight", "fc2.bias"], output: "y")],
              inputs: ["x"], outputs: ["y"], metadata: ["task": "regression"])
    }

    @Test func completeExampleIsTheWritersOutput() throws {
        let example = try Self.jsonBlocks()[0]
        let g = Self.sine()
        #expect(try g.verified() == g)
        #expect(String(decoding: ModelFile.encode(g).json, as: UTF8.self) == example)
        #expect(try ModelFile.decode(Data(example.utf8), path: "sine.json") == g)
    }

    @Test func sidecarExampleOffsets() throws {
        let (json, side) = ModelFile.encode(Self.sine(), sidecar: "sine.bin")
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(try Self.jsonBlocks()[1].trimmingCharacters(in: .newlines).dropLast()))
        #expect(["0", "16", "32", "48"].allSatisfy { text.contains("\"offset\": \($0)\n") })
        #expect(side?.count == 52)
    }

    @Test func quantizedTensorExampleDecodes() throws {
        let tensor = try Self.jsonBlocks()[2].trimmingCharacters(in: .whitespacesAndNewlines)
        let text = """
            {"format": "smelt-model", "version": 1, "name": "q", "inputs": ["x"], "outputs": ["x"],
             "tensors": [{"name": "x", "shape": [1], "dtype": "float32"}, \(tensor)], "nodes": []}
            """
        let g = try ModelFile.decode(Data(text.utf8), path: "q.json")
        let t = try #require(g.tensor("conv1.weight"))
        #expect(t.data == .int8([-128, -1, 0, 127]))
        #expect(t.quant == QuantParams(scales: [0.1, 0.05], zeroPoints: [0, 0], axis: 0))
    }
}
