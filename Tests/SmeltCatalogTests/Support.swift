import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltPasses
import SmeltQuant
@testable import SmeltCatalog

/// Shared pieces: the package root, a tiny compiled model, temporary folders.
enum Support {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fleet = packageRoot.appendingPathComponent("Examples/fleet")

    /// Dense 4→8 ReLU → Dense 2 → Softmax, int8, with sensors and classes in its metadata.
    static func tinyModel() throws -> (graph: Graph, generated: GeneratedC) {
        var b = GraphBuilder(name: "tiny", input: [4], seed: 11)
        b.setMetadata("task", "classification")
        b.setMetadata("classes", "off,on")
        b.setMetadata("sensors", "thermometer=degreeCelsius, light=lux")
        var x = b.dense(b.input, units: 8, activation: .relu, name: "fc1")
        x = b.dense(x, units: 2, name: "head")
        x = b.softmax(x, name: "softmax")
        let float = try Pipeline.standard(try b.finish(outputs: [x]))
        let samples: [[Float]] = (0..<16).map { i in (0..<4).map { j in Float((i * 7 + j * 3) % 11) / 5 - 1 } }
        let cal = try Calibration.collect(graph: float, samples: samples)
        let q = try Quantizer.quantize(graph: float, calibration: cal, scheme: .int8)
        return (q, try CEmitter.emit(graph: q, name: "tiny"))
    }

    static func tinyDescription(training: ModelDescription.Training? = nil) throws -> ModelDescription {
        let (g, c) = try tinyModel()
        return try ModelDescriber.describe(graph: g, generated: c, options: .init(smeltVersion: "9.9.9", training: training))
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every file under `dir` with its bytes, by relative path.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir.path)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(p).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }
}
