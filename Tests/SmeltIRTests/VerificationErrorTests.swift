import Testing
@testable import SmeltIR

/// `Graph.verified()` names the node or tensor and the mismatch.
@Suite("Verification errors")
struct VerificationErrorTests {
    static let x = Tensor(name: "x", shape: [6, 6, 8])

    static func conv(_ name: String, _ input: String, out: String, cin: Int, cout: Int, bias: Int? = nil) -> [Tensor] {
        [.constant("\(name).w", shape: [cout, 1, 1, cin], values: Array(repeating: 0.5, count: cout * cin))]
            + (bias.map { [.constant("\(name).b", shape: [$0], values: Array(repeating: 0, count: $0))] } ?? [])
    }

    func error(_ g: Graph) -> String { Fixtures.message { try g.verified() } }

    func graph(_ tensors: [Tensor], _ nodes: [Node], inputs: [String] = ["x"], outputs: [String]? = nil) -> Graph {
        Graph(name: "v", tensors: tensors, nodes: nodes, inputs: inputs, outputs: outputs ?? [nodes.last!.output])
    }

    @Test func channelMismatch() {
        let g = graph([Self.x] + Self.conv("conv1", "x", out: "h", cin: 8, cout: 8) + Self.conv("conv2", "h", out: "y", cin: 16, cout: 4),
                      [Node(name: "conv1", op: .conv2d(ConvAttributes()), inputs: ["x", "conv1.w"], output: "h"),
                       Node(name: "conv2", op: .conv2d(ConvAttributes()), inputs: ["h", "conv2.w"], output: "y")])
        #expect(error(g) == "node \"conv2\": input has 8 channels, weight expects 16")
    }

    @Test func denseWidthMismatch() {
        let g = graph([Tensor(name: "x", shape: [4]), .constant("w", shape: [2, 3], values: Array(repeating: 1, count: 6))],
                      [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "y")])
        #expect(error(g) == "node \"fc\": input has 4 features, weight expects 3")
    }

    @Test func biasLength() {
        let g = graph([Self.x] + Self.conv("c", "x", out: "y", cin: 8, cout: 4, bias: 5),
                      [Node(name: "c", op: .conv2d(ConvAttributes()), inputs: ["x", "c.w", "c.b"], output: "y")])
        #expect(error(g) == "node \"c\": bias has shape [5], expected [4]")
    }

    @Test func unknownInput() {
        let g = graph([Self.x], [Node(name: "r", op: .relu, inputs: ["nope"], output: "y")])
        #expect(error(g) == "node \"r\": input \"nope\" is not defined")
    }

    @Test func useBeforeDefinition() {
        let g = graph([Self.x], [Node(name: "a", op: .relu, inputs: ["h"], output: "y"),
                                 Node(name: "b", op: .relu, inputs: ["x"], output: "h")], outputs: ["y"])
        #expect(error(g) == "node \"a\": input \"h\" is used before it is computed")
    }

    @Test func duplicateNodeName() {
        let g = graph([Self.x], [Node(name: "r", op: .relu, inputs: ["x"], output: "h"),
                                 Node(name: "r", op: .relu, inputs: ["h"], output: "y")])
        #expect(error(g) == "node \"r\": duplicate node name")
    }

    @Test func nonPositiveDimensions() {
        let g = graph([Self.x, .constant("w", shape: [0, 3], values: [])],
                      [Node(name: "r", op: .relu, inputs: ["x"], output: "y")])
        #expect(error(g) == "tensor \"w\": dimension 0 in shape [0, 3] must be positive")
        let h = graph([Tensor(name: "x", shape: [4, -1])], [Node(name: "r", op: .relu, inputs: ["x"], output: "y")])
        #expect(error(h) == "tensor \"x\": dimension -1 in shape [4, -1] must be positive")
    }

    @Test func nanWeight() {
        let g = graph([Tensor(name: "x", shape: [2]), .constant("w", shape: [1, 2], values: [1, .nan])],
                      [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "y")])
        #expect(error(g) == "tensor \"w\": value nan at index 1 is not finite")
    }

    @Test func dataLength() {
        let g = graph([Tensor(name: "x", shape: [3]), .constant("w", shape: [2, 3], values: [1, 2, 3, 4, 5])],
                      [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "y")])
        #expect(error(g) == "tensor \"w\": data has 5 values, shape [2, 3] needs 6")
    }

    @Test func reshapeImpossible() {
        let g = graph([Tensor(name: "x", shape: [6])], [Node(name: "r", op: .reshape(shape: [4, -1]), inputs: ["x"], output: "y")])
        #expect(error(g) == "node \"r\": cannot reshape [6] (6 values) to [4, -1]")
        let h = graph([Tensor(name: "x", shape: [6])], [Node(name: "r", op: .reshape(shape: [4, 2]), inputs: ["x"], output: "y")])
        #expect(error(h) == "node \"r\": cannot reshape [6] (6 values) to [4, 2]")
    }

    @Test func concatMismatch() {
        let g = graph([Tensor(name: "x", shape: [4, 4, 2]), Tensor(name: "z", shape: [2, 2, 2])],
                      [Node(name: "cat", op: .concatenate, inputs: ["x", "z"], output: "y")], inputs: ["x", "z"])
        #expect(error(g) == "node \"cat\": operands have shapes [4, 4, 2] and [2, 2, 2]; all but the last axis must match")
    }

    @Test func quantizeKeepsADeclaredInt16Output() throws {
        let g = graph([Tensor(name: "x", shape: [3]), Tensor(name: "q", shape: [3], dtype: .int16, quant: QuantParams(scale: 0.5))],
                      [Node(name: "qz", op: .quantize, inputs: ["x"], output: "q")])
        #expect(try g.verified().tensor("q")?.dtype == .int16)
        let h = graph([Tensor(name: "x", shape: [3])], [Node(name: "qz", op: .quantize, inputs: ["x"], output: "q")])
        #expect(try h.verified().tensor("q")?.dtype == .int8)
    }
}
