import Foundation
import SmeltIR

/// Reads the committed examples (Examples/<name>/) for training tests.
///
/// A small reader of Smelt's model JSON limited to what the examples use (float32 base64
/// tensors; Dense, Conv2D, ReLU, Flatten, Softmax), so these tests do not wait for the SmeltIR
/// model-file reader.
enum ExampleFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static func path(_ example: String, _ file: String) -> String {
        root.appendingPathComponent(example).appendingPathComponent(file).path
    }

    static func graph(_ example: String) throws -> Graph {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(example, "\(example).json")))) as! [String: Any]
        var tensors: [Tensor] = []
        for t in json["tensors"] as! [[String: Any]] {
            let name = t["name"] as! String, shape = t["shape"] as! [Int]
            if let data = t["data"] as? [String: Any], let b64 = data["base64"] as? String {
                tensors.append(Tensor(name: name, shape: shape, data: TensorData(littleEndianBytes: [UInt8](Data(base64Encoded: b64)!), dtype: .float32)))
            } else {
                tensors.append(Tensor(name: name, shape: shape))
            }
        }
        let nodes = try (json["nodes"] as! [[String: Any]]).map { n in
            let attributes = n["attributes"] as? [String: Any] ?? [:]
            let activation = Activation(rawValue: attributes["activation"] as? String ?? "none")!
            let op: Op
            switch n["op"] as! String {
            case "Dense": op = .dense(activation: activation)
            case "Conv2D":
                let s = attributes["strides"] as! [Int]
                op = .conv2d(ConvAttributes(strideH: s[0], strideW: s[1], padding: Padding(rawValue: attributes["padding"] as! String)!, activation: activation))
            case "ReLU": op = .relu
            case "Flatten": op = .flatten
            case "Softmax": op = .softmax
            case let other: throw SmeltError("example reader: op \(other) not supported")
            }
            return Node(name: n["name"] as! String, op: op, inputs: n["inputs"] as! [String], output: n["output"] as! String)
        }
        return Graph(name: json["name"] as! String, tensors: tensors, nodes: nodes,
                     inputs: json["inputs"] as! [String], outputs: json["outputs"] as! [String])
    }
}
