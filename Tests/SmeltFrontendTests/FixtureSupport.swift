import Foundation
import SmeltIR

/// Locates and reads the committed fixtures under Tests/Fixtures (no network, no bundle resources).
enum Fixtures {
    /// `Tests/Fixtures/<format>`, found from this source file's path.
    static func folder(_ format: String) -> String {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(format).path
    }

    /// Fixture names listed in `<format>/fixtures.txt`.
    static func names(_ format: String) -> [String] {
        let text = (try? String(contentsOfFile: folder(format) + "/fixtures.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// One recorded sample: named inputs and the oracle's outputs in graph-output order
    /// (Smelt layout: no batch axis, images HWC).
    struct Sample {
        var inputs: [String: [Double]]
        var outputs: [[Double]]
    }

    static func samples(_ format: String, _ name: String) throws -> [Sample] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder(format) + "/\(name).json"))
        let doc = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (doc["samples"] as! [[String: Any]]).map { s in
            let ins = (s["inputs"] as! [String: [NSNumber]]).mapValues { $0.map(\.doubleValue) }
            let outs = (s["outputs"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
            return Sample(inputs: ins, outputs: outs)
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
