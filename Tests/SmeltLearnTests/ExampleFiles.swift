import Foundation
import SmeltIR

/// Paths and models of the committed examples (Examples/<name>/).
enum ExampleFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static func path(_ example: String, _ file: String) -> String {
        root.appendingPathComponent(example).appendingPathComponent(file).path
    }

    /// `Examples/<name>/<name>.json`, read by the model-file reader.
    static func graph(_ example: String) throws -> Graph {
        try ModelFile.load(path: path(example, "\(example).json"))
    }
}
