import Foundation
import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator
import SmeltCodegen
@testable import SmeltFederated

@Suite("Export")
struct ExportTests {
    /// φ saved as a Smelt model loads back, computes what the MLP computes, quantizes and compiles to C.
    @Test func learnedInitialisationIsASmeltModelThatCompiles() throws {
        var c = tinyConfig(.tinyReptile)
        c.updates = .float32
        let r = try FederatedRunner.simulate(c)
        let g = try FederatedOutputs.graph(mlp: r.mlp, parameters: r.parameters, name: "federated_sine")
        let path = NSTemporaryDirectory() + "federated-export-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(g, to: path)
        let loaded = try ModelFile.load(path: path)
        let interp = try FloatInterpreter(graph: loaded)
        let ws = MLPWorkspace(mlp: r.mlp, loss: .meanSquaredError)
        var samples: [[Float]] = []
        for x in stride(from: Float(-5), through: 5, by: 0.5) {
            let a = try interp.run([x])[0], b = ws.predict(r.parameters, [x])[0]
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "x = \(x): \(a) vs \(b)")
            samples.append([x])
        }
        let q = try Quantizer.quantize(graph: loaded, calibration: try Calibration.collect(graph: loaded, samples: samples), scheme: .int8)
        let code = try CEmitter.emit(graph: q, name: "federated_sine")
        #expect(code.source.contains("federated_sine_invoke"))
    }
}
