import Foundation
import SmeltIR

/// Reads the committed example models (Examples/<name>/) for golden tests.
enum ExampleModels {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    /// The example's model, loaded and verified by the model-file reader.
    static func graph(_ example: String) throws -> Graph {
        try ModelFile.load(path: root.appendingPathComponent(example).appendingPathComponent("\(example).json").path)
    }

    /// Rows of a CSV file with a header line, as floats.
    static func csv(_ example: String, _ file: String) throws -> [[Float]] {
        let text = try String(contentsOf: root.appendingPathComponent(example).appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Float(String($0))! } }
    }
}
