import Foundation
import SmeltFrontend
import SmeltIR

/// Loads a model file by its extension: `.json` (Smelt's model format, `ModelFile`), `.onnx`
/// (`ONNXImporter`) or `.tflite` (`TFLiteImporter`).
///
/// Every error is one line naming the file: `m.pb: unknown model format ".pb" (expected .json, .onnx or .tflite)`,
/// `missing.json: model file not found`. The graph is returned verified.
public enum ModelLoader {
    /// The extensions `load` accepts, lower case, without the dot.
    public static let extensions = ["json", "onnx", "tflite"]

    /// Reads, converts and verifies the model at `path`.
    public static func load(path: String) throws -> Graph {
        let ext = (path as NSString).pathExtension.lowercased()
        guard extensions.contains(ext) else {
            let shown = ext.isEmpty ? "no extension" : "\".\(ext)\""
            throw SmeltError("\(path): unknown model format \(shown) (expected .json, .onnx or .tflite)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw SmeltError("\(path): model file not found")
        }
        do {
            let graph: Graph
            switch ext {
            case "onnx": graph = try ONNXImporter.load(path: path)
            case "tflite": graph = try TFLiteImporter.load(path: path)
            default: graph = try ModelFile.load(path: path)
            }
            return try graph.verified()
        } catch let e as SmeltError {
            throw e.inFile(path)
        }
    }

    /// The default C name of a model: the file name without extension (`Examples/digits/digits.json` → `digits`).
    public static func defaultName(path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
