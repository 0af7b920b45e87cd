import Testing
import SmeltIR
import SmeltEmulator
@testable import SmeltFrontend

/// Every ONNX fixture imported and run by Smelt's float interpreter, against onnxruntime.
///
/// Tolerance: `|smelt − ort| ≤ 1e-5·|ort| + 1e-6` per element — 1e-5 relative with an absolute
/// floor of 1e-6 for values near zero (float32 sums in a different order round differently).
@Suite("ONNX fixtures vs onnxruntime")
struct ONNXFixtureTests {
    static let relative = 1e-5
    static let absoluteFloor = 1e-6

    @Test("the fixture list is complete")
    func listed() {
        #expect(Fixtures.names("onnx").count >= 40)
    }

    @Test("float emulator matches onnxruntime", arguments: Fixtures.names("onnx"))
    func matches(name: String) throws {
        let graph = try ONNXImporter.load(path: Fixtures.folder("onnx") + "/\(name).onnx")
        let interpreter = try FloatInterpreter(graph: graph)
        let samples = try Fixtures.samples("onnx", name)
        #expect(!samples.isEmpty)
        var worst = 0.0
        for s in samples {
            let out = try interpreter.run(inputs: s.inputs.mapValues { $0.map(Float.init) })
            #expect(graph.outputs.count == s.outputs.count)
            for (k, expected) in s.outputs.enumerated() {
                let got = try #require(out[graph.outputs[k]])
                try #require(got.count == expected.count, "\(name): output \(k) has \(got.count) values, expected \(expected.count)")
                for (g, e) in zip(got, expected) {
                    let err = abs(Double(g) - e)
                    worst = max(worst, err / (Self.relative * abs(e) + Self.absoluteFloor))
                    #expect(err <= Self.relative * abs(e) + Self.absoluteFloor, "\(name): \(g) vs \(e)")
                }
            }
        }
        print("\(name): worst error / tolerance = \(worst)")
    }
}
