import SmeltIR

extension OnlineLearner {
    /// Splits a float graph into a frozen backbone and a trainable head of Dense layers.
    ///
    /// The head starts at the Dense node `headFrom` and must run to the graph output through
    /// Dense nodes only, each optionally followed by a ReLU/ReLU6 node (folded into the layer when
    /// it has no fused activation) and, last, an optional Softmax (dropped: the learner works on
    /// logits). The backbone is the graph cut at the head's input tensor (its output = the
    /// features), or `nil` when the head reads the graph input directly.
    public static func split(graph: Graph, headFrom: String) throws -> (backbone: Graph?, head: [DenseLayer]) {
        let g = try graph.verified()
        guard g.inputs.count == 1, g.outputs.count == 1 else {
            throw SmeltError("graph \"\(g.name)\" needs one input and one output for online learning")
        }
        guard let start = g.nodes.firstIndex(where: { $0.name == headFrom }) else {
            throw SmeltError("graph \"\(g.name)\" has no node \"\(headFrom)\"")
        }
        var layers: [DenseLayer] = []
        var current = g.nodes[start].inputs[0]
        for node in g.nodes[start...] {
            guard node.inputs.first == current else {
                throw SmeltError.node(node.name, "the trainable head must be a chain from \"\(headFrom)\" to the output")
            }
            switch node.op {
            case .dense(let act):
                let w = try g.requireTensor(node.inputs[1])
                guard let wv = w.data?.floats else { throw SmeltError.node(node.name, "weight \"\(w.name)\" is not float32") }
                let b = try node.inputs.count > 2 ? g.requireTensor(node.inputs[2]).data?.floats
                    : [Float](repeating: 0, count: w.shape[0])
                guard let bv = b else { throw SmeltError.node(node.name, "bias is not float32") }
                layers.append(try DenseLayer(weight: wv, bias: bv, inputs: w.shape[1], activation: act))
            case .relu, .relu6:
                guard let last = layers.indices.last, layers[last].activation == .none else {
                    throw SmeltError.node(node.name, "an activation in the head must follow a Dense without a fused activation")
                }
                layers[last].activation = node.op == .relu ? .relu : .relu6
            case .softmax where node.output == g.outputs[0]:
                break
            default:
                throw SmeltError.node(node.name, "\(node.op.kind.rawValue) cannot be part of the trainable head (Dense, ReLU, ReLU6 and a final Softmax only)")
            }
            current = node.output
        }
        guard current == g.outputs[0] else {
            throw SmeltError("graph \"\(g.name)\": the head from \"\(headFrom)\" does not end at the output \"\(g.outputs[0])\"")
        }
        let features = g.nodes[start].inputs[0]
        if features == g.inputs[0] { return (nil, layers) }
        var backbone = g
        backbone.nodes = Array(g.nodes[..<start])
        backbone.outputs = [features]
        backbone.removeUnusedTensors()
        return (try backbone.verified(), layers)
    }
}
