import Testing
import SmeltIR
import SmeltEmulator
@testable import SmeltFrontend

/// Every int8 TFLite fixture imported and run by Smelt's integer interpreter, compared byte for
/// byte with the tflite-micro interpreter (TFLite Micro's reference kernels).
@Suite("TFLite fixtures vs tflite-micro")
struct TFLiteFixtureTests {
    @Test("the fixture list is complete")
    func listed() {
        #expect(Fixtures.names("tflite").count >= 31)
    }

    @Test("every fixture imports and verifies", arguments: Fixtures.names("tflite") + ["edges"])
    func imports(name: String) throws {
        let g = try TFLiteImporter.load(path: Fixtures.folder("tflite") + "/\(name).tflite")
        #expect(g.metadata["source"] == "tflite")
        #expect(!g.nodes.isEmpty)
    }

    @Test("integer interpreter is byte-identical to tflite-micro", arguments: Fixtures.names("tflite"))
    func matches(name: String) throws {
        let graph = try TFLiteImporter.load(path: Fixtures.folder("tflite") + "/\(name).tflite")
        let interpreter = try IntegerInterpreter(graph: graph)
        var mismatches = 0, total = 0, worst = 0
        for s in try Fixtures.samples("tflite", name) {
            let values = try interpreter.runAll(inputs: s.inputs.mapValues { $0.map { Int32($0) } })
            for (k, expected) in s.outputs.enumerated() {
                let got = try #require(values[graph.outputs[k]])
                try #require(got.count == expected.count)
                for (g, e) in zip(got, expected) {
                    total += 1
                    if Double(g) != e { mismatches += 1; worst = max(worst, abs(Int(g) - Int(e))) }
                }
            }
        }
        if mismatches > 0 { print("\(name): \(mismatches)/\(total) values differ, worst by \(worst) LSB") }
        #expect(mismatches == 0, "\(name): \(mismatches)/\(total) values differ, worst by \(worst) LSB")
    }
}
