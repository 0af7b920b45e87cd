import Foundation
@testable import SmeltIR

/// Graphs shared by several test files.
enum Fixtures {
    /// A small graph in which every `OpKind` appears at least once (built with the builder).
    static func everyOpGraph() throws -> Graph {
        var b = GraphBuilder(name: "every-op", input: [8, 8, 3], seed: 7)
        b.setMetadata("task", "classification")
        b.setMetadata("classes", "a,b,c")
        let c = b.conv2d(b.input, filters: 4, kernel: (3, 3), padding: .same, activation: .relu)
        let d = b.depthwiseConv2d(c, kernel: (3, 3), padding: .same)
        let bn = b.batchNorm(d, epsilon: 1e-5)
        let a = b.add(c, bn, activation: .relu)
        let r6 = b.relu6(a)
        let mp = b.maxPool2d(r6, size: 2)
        let ap = b.averagePool2d(r6, size: 2, stride: 2, padding: .same)
        let cat = b.concatenate([mp, ap])
        let gap = b.globalAveragePool(b.relu(cat))
        let fc = b.dense(b.flatten(cat), units: 8, activation: .relu6)
        let sum = b.add(gap, fc)
        let t = b.tanh(b.reshape(sum, to: [2, -1]))
        let logits = b.dense(b.sigmoid(b.flatten(t)), units: 3)
        let q = b.quantize(b.softmax(logits), scale: 1.0 / 256, zeroPoint: -128)
        let y = b.dequantize(q)
        return try b.finish(outputs: [y])
    }

    /// `y = relu(1.0 · x + 0.5)`: input `x` [1], weight [[1.0]], bias [0.5].
    static func tinyDense() -> Graph {
        Graph(name: "tiny",
              tensors: [Tensor(name: "x", shape: [1]),
                        .constant("fc1.weight", shape: [1, 1], values: [1.0]),
                        .constant("fc1.bias", shape: [1], values: [0.5])],
              nodes: [Node(name: "fc1", op: .dense(activation: .relu), inputs: ["x", "fc1.weight", "fc1.bias"], output: "y")],
              inputs: ["x"], outputs: ["y"])
    }

    /// A fresh empty temporary directory.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-ir-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The bytes of a file.
    static func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The message of the error `body` throws, or "no error".
    static func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch let e as SmeltError {
            return e.message
        } catch {
            return "unexpected error \(error)"
        }
    }
}
