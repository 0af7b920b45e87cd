import SmeltIR

/// The forward/backward implementation of a node of a verified graph.
/// Throws for ops that cannot be trained (Quantize/Dequantize belong to quantized graphs).
func makeGradientOp(_ node: Node, in g: Graph) throws -> any GradientOp {
    let shapes = try node.inputs.map { try g.requireTensor($0).shape }
    if node.inputs.count > 3, let act = node.op.fusedActivation, let bare = node.op.withoutActivation {
        // A channel-scaled layer: the bare op computes W∗x; scale, bias and activation wrap it.
        let inner = try makeGradientOp(Node(name: node.name, op: bare, inputs: Array(node.inputs.prefix(2)), output: node.output), in: g)
        return ChannelScaleGradient(inner: inner, channels: shapes[3][0], activation: act)
    }
    switch node.op {
    case .dense(let act):
        return DenseGradient(inFeatures: shapes[1][1], outFeatures: shapes[1][0], activation: act)
    case .conv2d(let a):
        return Conv2DGradient(inputShape: shapes[0], weightShape: shapes[1], attributes: a)
    case .depthwiseConv2d(let a):
        return DepthwiseConv2DGradient(inputShape: shapes[0], weightShape: shapes[1], attributes: a)
    case .maxPool2d(let p): return MaxPool2DGradient(inputShape: shapes[0], attributes: p)
    case .averagePool2d(let p): return AveragePool2DGradient(inputShape: shapes[0], attributes: p)
    case .globalAveragePool: return GlobalAveragePoolGradient(inputShape: shapes[0])
    case .relu: return ReLUGradient()
    case .relu6: return ReLU6Gradient()
    case .sigmoid: return SigmoidGradient()
    case .tanh: return TanhGradient()
    case .softmax: return SoftmaxGradient(rowLength: max(shapes[0].last ?? 1, 1))
    case .reshape, .flatten: return ReshapeGradient()
    case .add(let act): return AddGradient(activation: act)
    case .concatenate: return ConcatenateGradient(inputShapes: shapes)
    case .batchNorm(let eps): return BatchNormGradient(channels: shapes[1][0], epsilon: Double(eps))
    case .quantize, .dequantize:
        throw SmeltError.node(node.name, "\(node.op.kind.rawValue) cannot be trained; train the float graph before quantization")
    }
}

extension Op {
    /// Dense/Conv2D/DepthwiseConv2D without its fused activation; `nil` for other ops.
    var withoutActivation: Op? {
        switch self {
        case .dense: return .dense(activation: .none)
        case .conv2d(var c): c.activation = .none; return .conv2d(c)
        case .depthwiseConv2d(var c): c.activation = .none; return .depthwiseConv2d(c)
        default: return nil
        }
    }
}
