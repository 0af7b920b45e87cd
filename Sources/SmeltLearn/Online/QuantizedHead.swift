import SmeltIR

/// A quantized graph split for on-device learning: the frozen integer backbone, the trainable
/// Dense head (its int8 weights dequantized to float32, the starting point of learning), and how
/// the backbone's integer output becomes the head's input.
///
/// The head is the chain of Dense nodes named in `trainable` (each optionally followed by a
/// ReLU/ReLU6 node, or with one fused) running to the graph output, optionally ending in Softmax;
/// with a final Softmax the step minimises softmax cross-entropy on the logits, else the
/// mean-squared error of the output. Dequantization, in double then rounded to float32:
/// `W[o, i] = (q − zp) · s_w[o]`, `b[o] = q_b · s_b[o]` (s_b = s_in · s_w[o] when the bias has no
/// parameters). Features: float32 `Float(q − zp) · s` (one float multiply), fixed point
/// `sat((q − zp) · round(s · 2^24))`.
///
/// The C generator (`EmitOptions.trainable`) uses this type, so the C and the Swift runtime start
/// from the same values bit for bit.
public struct QuantizedHead: Sendable {
    /// The quantized graph cut at the head's input (its output = the features), or `nil` when the
    /// head reads the graph input directly.
    public var backbone: Graph?
    /// The trainable layers, first first, in float32.
    public var layers: [DenseLayer]
    /// Names of the head's Dense nodes.
    public var nodes: [String]
    /// Quantization of the features tensor (the head's input).
    public var featureScale: Float
    public var featureZeroPoint: Int32
    /// dtype of the features tensor (int8 or int16).
    public var featureType: DType
    /// Softmax cross-entropy when the graph ends in Softmax, else mean-squared error.
    public var loss: Loss

    /// Splits `graph` (quantized) at the first node of `trainable`.
    public static func split(quantized graph: Graph, trainable: [String]) throws -> QuantizedHead {
        let g = try graph.verified()
        guard g.inputs.count == 1, g.outputs.count == 1 else {
            throw SmeltError("graph \"\(g.name)\" needs one input and one output for on-device learning")
        }
        guard !trainable.isEmpty else { throw SmeltError("no trainable layers given") }
        for name in trainable where !g.nodes.contains(where: { $0.name == name }) {
            throw SmeltError("graph \"\(g.name)\" has no node \"\(name)\" (trainable layers must be Dense node names)")
        }
        let start = g.nodes.firstIndex { trainable.contains($0.name) }!
        var layers: [DenseLayer] = []
        var names: [String] = []
        var current = g.nodes[start].inputs[0]
        var endsInSoftmax = false
        for node in g.nodes[start...] {
            guard node.inputs.first == current else {
                throw SmeltError.node(node.name, "the trainable layers must be a chain from \"\(g.nodes[start].name)\" to the output")
            }
            switch node.op {
            case .dense(let act):
                guard trainable.contains(node.name) else {
                    throw SmeltError.node(node.name, "Dense after the first trainable layer \"\(g.nodes[start].name)\" must be trainable too")
                }
                layers.append(try dequantizedDense(node, in: g, activation: act))
                names.append(node.name)
            case .relu, .relu6:
                guard let last = layers.indices.last, layers[last].activation == .none else {
                    throw SmeltError.node(node.name, "an activation in the trainable head must follow a Dense without a fused activation")
                }
                layers[last].activation = node.op == .relu ? .relu : .relu6
            case .softmax where node.output == g.outputs[0]:
                endsInSoftmax = true
            default:
                throw SmeltError.node(node.name, "\(node.op.kind.rawValue) cannot be part of the trainable head (Dense, ReLU, ReLU6 and a final Softmax only)")
            }
            current = node.output
        }
        guard current == g.outputs[0] else {
            throw SmeltError("graph \"\(g.name)\": the trainable layers do not end at the output \"\(g.outputs[0])\"")
        }
        let featuresName = g.nodes[start].inputs[0]
        let features = try g.requireTensor(featuresName)
        guard features.dtype == .int8 || features.dtype == .int16, let fq = features.quant else {
            throw SmeltError("tensor \"\(featuresName)\": the input of the trainable head must be quantized int8 or int16")
        }
        var backbone: Graph? = nil
        if featuresName != g.inputs[0] {
            var b = g
            b.nodes = Array(g.nodes[..<start])
            b.outputs = [featuresName]
            b.removeUnusedTensors()
            backbone = try b.verified()
        }
        return QuantizedHead(backbone: backbone, layers: layers, nodes: names, featureScale: fq.scale(channel: 0),
                             featureZeroPoint: fq.zeroPoint(channel: 0), featureType: features.dtype,
                             loss: endsInSoftmax ? .softmaxCrossEntropy : .meanSquaredError)
    }

    static func dequantizedDense(_ node: Node, in g: Graph, activation: Activation) throws -> DenseLayer {
        let w = try g.requireTensor(node.inputs[1])
        let x = try g.requireTensor(node.inputs[0])
        guard let wq = w.data?.integers, let wp = w.quant, let xp = x.quant else {
            throw SmeltError.node(node.name, "weight \"\(w.name)\" is not quantized (compile a quantized graph)")
        }
        let outputs = w.shape[0], inputs = w.shape[1]
        var weight = [Float](repeating: 0, count: wq.count)
        for o in 0..<outputs {
            let s = Double(wp.scale(channel: o)), zp = Int64(wp.zeroPoint(channel: o))
            for i in 0..<inputs { weight[o * inputs + i] = Float(Double(wq[o * inputs + i] - zp) * s) }
        }
        var bias = [Float](repeating: 0, count: outputs)
        if node.inputs.count > 2 {
            let b = try g.requireTensor(node.inputs[2])
            guard let bq = b.data?.integers else { throw SmeltError.node(node.name, "bias \"\(b.name)\" is not quantized") }
            for o in 0..<outputs {
                let s = b.quant.map { Double($0.scale(channel: o)) }
                    ?? Double(xp.scale(channel: 0)) * Double(wp.scale(channel: o))
                bias[o] = Float(Double(bq[o]) * s)
            }
        }
        return try DenseLayer(weight: weight, bias: bias, inputs: inputs, activation: activation)
    }

    /// Features count (inputs of the first layer).
    public var featureCount: Int { layers[0].inputs }

    /// The float32 features of the backbone's integer output: `Float(q − zp) · s`.
    public func features(_ q: [Int32]) -> [Float] {
        q.map { Float($0 - featureZeroPoint) * featureScale }
    }

    /// `round(s · 2^24)`: the feature scale in Q7.24.
    public var featureScaleQ: Int32 { LearnMath.fromFloat(Double(featureScale)) }

    /// The Q7.24 features of the backbone's integer output: `sat((q − zp) · round(s · 2^24))`.
    public func fixedFeatures(_ q: [Int32]) -> [Int32] {
        let s = Int64(featureScaleQ)
        return q.map { LearnMath.sat(Int64($0 - featureZeroPoint) * s) }
    }
}
