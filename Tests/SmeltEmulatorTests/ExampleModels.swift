import Foundation
import SmeltIR

/// Reads the committed example models (Examples/<name>/) for golden tests.
///
/// A deliberately small reader of Smelt's model JSON, limited to what the examples use
/// (float32 base64 tensors; Dense, Conv2D, ReLU, Flatten, Softmax). It keeps these tests
/// independent of the SmeltIR model-file reader, which is tested on its own.
enum ExampleModels {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static func graph(_ example: String) throws -> Graph {
        let url = root.appendingPathComponent(example).appendingPathComponent("\(example).json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var tensors: [Tensor] = []
        for t in json["tensors"] as! [[String: Any]] {
            let name = t["name"] as! String, shape = t["shape"] as! [Int]
            if let data = t["data"] as? [String: Any], let b64 = data["base64"] as? String {
                let bytes = [UInt8](Data(base64Encoded: b64)!)
                tensors.append(Tensor(name: name, shape: shape, data: TensorData(littleEndianBytes: bytes, dtype: .float32)))
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
                let strides = attributes["strides"] as! [Int]
                op = .conv2d(ConvAttributes(strideH: strides[0], strideW: strides[1],
                                            padding: Padding(rawValue: attributes["padding"] as! String)!, activation: activation))
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

    /// Rows of a CSV file with a header line, as floats.
    static func csv(_ example: String, _ file: String) throws -> [[Float]] {
        let text = try String(contentsOf: root.appendingPathComponent(example).appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Float(String($0))! } }
    }
}
