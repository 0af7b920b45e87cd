import Foundation
import Testing
import SmeltIR
import SmeltEmulator
import SmeltFrontend
@testable import SmeltCodegen

/// Every int8 TFLite fixture (Tests/Fixtures/tflite) imported, generated as C, compiled with every
/// host compiler (and once under UBSan) and run on the recorded inputs: the outputs must equal the
/// tflite-micro interpreter's byte for byte. The two-input fixtures (`add_relu`, `concat`) go
/// through `NAME_invoke_inputs`, one input per graph input in graph order.
@Suite("TFLite fixtures: generated C equals tflite-micro")
struct TFLiteFixtureCTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("tflite")

    static var names: [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("fixtures.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// The recorded samples: the inputs' values concatenated in `graph.inputs` order (the harness's
    /// stdin layout) and the one output's values.
    static func samples(_ name: String, graph: Graph) throws -> [(input: [Int64], output: [Int64])] {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(doc["samples"] as? [[String: Any]])
        return try rows.map { row in
            let ins = try #require(row["inputs"] as? [String: [NSNumber]])
            let outs = try #require(row["outputs"] as? [[NSNumber]])
            try #require(ins.count == graph.inputs.count && outs.count == 1)
            let input = try graph.inputs.flatMap { try #require(ins[$0], "\(name): no recorded values for input \($0)").map(\.int64Value) }
            return (input, outs[0].map(\.int64Value))
        }
    }

    @Test("the list covers every fixture, the two-input ones included")
    func listed() {
        #expect(Self.names.count >= 33)
        #expect(Self.names.contains("add_relu") && Self.names.contains("concat"))
    }

    @Test("two-input fixtures get NAME_invoke_inputs and per-input macros", arguments: ["add_relu", "concat"])
    func multiInputInterface(_ name: String) throws {
        let graph = try TFLiteImporter.load(path: Self.folder.appendingPathComponent("\(name).tflite").path)
        #expect(graph.inputs.count == 2)
        let c = try CEmitter.emit(graph: graph, name: "m")
        #expect(c.inputCount == 2)
        #expect(c.header.contains("#define M_NUM_INPUTS 2 "))
        #expect(c.header.contains("#define M_INPUT1_SIZE "))
        #expect(c.header.contains("#define M_INPUT0_ZERO_POINT ") && c.header.contains("#define M_INPUT1_SCALE_SHIFT "))
        #expect(c.header.contains("int m_invoke_inputs(const m_io_t *const inputs[M_NUM_INPUTS], m_io_t *output);"))
        #expect(!c.header.contains("M_INPUT_SIZE") && !c.header.contains("m_invoke("))
        #expect(c.source.contains("inputs[0]") && c.source.contains("inputs[1]"))
    }

    @Test("import, emit, compile, run the recorded inputs", arguments: names)
    func fixture(_ name: String) throws {
        let graph = try TFLiteImporter.load(path: Self.folder.appendingPathComponent("\(name).tflite").path)
        let samples = try Self.samples(name, graph: graph)
        let generated = try CEmitter.emit(graph: graph, name: "m", options: EmitOptions())
        let expected = samples.map(\.output)
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(generated, inputs: samples.map(\.input), compiler: compiler)
            let bad = zip(got, expected).filter { $0.0 != $0.1 }.count
            #expect(got.count == expected.count && bad == 0, "\(name) with \(compiler): \(bad) of \(expected.count) samples differ")
        }
        let sanitized = try ModelHarness.run(generated, inputs: samples.map(\.input), compiler: CCompiler.available[0],
                                             extraFlags: ModelHarness.sanitizeFlags)
        #expect(sanitized == expected, "\(name) under UBSan differs from tflite-micro")
    }
}
