import Foundation
import Testing
import SmeltIR
import SmeltEmulator
import SmeltFrontend
@testable import SmeltCodegen

/// Every one-input int8 TFLite fixture (Tests/Fixtures/tflite) imported, generated as C, compiled
/// with every host compiler (and once under UBSan) and run on the recorded inputs: the outputs must
/// equal the tflite-micro interpreter's byte for byte. Fixtures with two inputs (`add_relu`,
/// `concat`) are outside the generated C interface (one input, one output); `add_residual` and
/// `concat_branches` cover ADD and CONCATENATION in C instead.
@Suite("TFLite fixtures: generated C equals tflite-micro")
struct TFLiteFixtureCTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("tflite")

    static var names: [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("fixtures.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !["add_relu", "concat"].contains($0) }
    }

    /// The recorded samples: the one input's values and the first output's values.
    static func samples(_ name: String) throws -> [(input: [Int64], output: [Int64])] {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(doc["samples"] as? [[String: Any]])
        return try rows.map { row in
            let ins = try #require(row["inputs"] as? [String: [NSNumber]])
            let outs = try #require(row["outputs"] as? [[NSNumber]])
            try #require(ins.count == 1 && outs.count == 1)
            return (ins.values.first!.map(\.int64Value), outs[0].map(\.int64Value))
        }
    }

    @Test("the list covers the one-input fixtures")
    func listed() { #expect(Self.names.count >= 31) }

    @Test("import, emit, compile, run the recorded inputs", arguments: names)
    func fixture(_ name: String) throws {
        let graph = try TFLiteImporter.load(path: Self.folder.appendingPathComponent("\(name).tflite").path)
        let samples = try Self.samples(name)
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
