import SmeltIR

/// One node of a `FloatInterpreter`, with its tensors resolved to value slots.
struct FloatStep: Sendable {
    let node: Node
    let inputSlots: [Int]
    let inputShapes: [[Int]]
    let outputSlot: Int
    let output: Tensor
    /// Quantization parameters of the first input (what Dequantize reads).
    let inputQuant: QuantParams?

    /// Checks the dtypes and quantization parameters this step needs.
    func check(graph g: Graph) throws {
        switch node.op {
        case .quantize:
            guard output.quant != nil, output.dtype.isInteger else {
                throw SmeltError.node(node.name, "Quantize output \"\(output.name)\" needs an integer dtype and quantization parameters")
            }
        case .dequantize:
            let x = try g.requireTensor(node.inputs[0])
            guard x.quant != nil else {
                throw SmeltError.node(node.name, "Dequantize input \"\(x.name)\" has no quantization parameters")
            }
        default:
            guard output.dtype == .float32 else {
                throw SmeltError("tensor \"\(output.name)\" (output of node \"\(node.name)\") is \(output.dtype.rawValue); the float interpreter runs float graphs (use the integer interpreter)")
            }
        }
        for name in node.inputs where node.op.kind != .dequantize {
            let t = try g.requireTensor(name)
            if t.dtype != .float32 {
                throw SmeltError("tensor \"\(name)\" (read by node \"\(node.name)\") is \(t.dtype.rawValue); the float interpreter runs float graphs (use the integer interpreter)")
            }
        }
    }

    /// Computes the node's output from the current tensor values.
    func run(_ values: [[Float]]) -> [Float] {
        func input(_ i: Int) -> [Float] { values[inputSlots[i]] }
        func optional(_ i: Int) -> [Float]? { i < inputSlots.count ? values[inputSlots[i]] : nil }
        if inputSlots.count > 3, let act = node.op.fusedActivation {
            return FloatChannelScale.run(unscaled(values), scale: input(3), bias: input(2), activation: act)
        }
        switch node.op {
        case .dense(let act):
            return FloatDense.run(input(0), weight: input(1), bias: optional(2), outFeatures: inputShapes[1][0], activation: act)
        case .conv2d(let a):
            return FloatConv2D.run(input(0), inputShape: inputShapes[0], weight: input(1), weightShape: inputShapes[1], bias: optional(2), attributes: a).values
        case .depthwiseConv2d(let a):
            return FloatDepthwiseConv2D.run(input(0), inputShape: inputShapes[0], weight: input(1), weightShape: inputShapes[1], bias: optional(2), attributes: a).values
        case .maxPool2d(let p):
            return FloatPool.run(input(0), inputShape: inputShapes[0], attributes: p, kind: .max).values
        case .averagePool2d(let p):
            return FloatPool.run(input(0), inputShape: inputShapes[0], attributes: p, kind: .average).values
        case .globalAveragePool:
            return FloatGlobalAveragePool.run(input(0), inputShape: inputShapes[0])
        case .relu: return FloatActivations.relu(input(0))
        case .relu6: return FloatActivations.relu6(input(0))
        case .sigmoid: return FloatActivations.sigmoid(input(0))
        case .tanh: return FloatActivations.tanh(input(0))
        case .softmax: return FloatActivations.softmax(input(0), shape: inputShapes[0])
        case .reshape, .flatten: return FloatReshape.run(input(0))
        case .add(let act): return FloatAdd.run(input(0), input(1), activation: act)
        case .concatenate: return FloatConcatenate.run(inputSlots.map { values[$0] }, shapes: inputShapes)
        case .batchNorm(let eps):
            return FloatBatchNorm.run(input(0), gamma: input(1), beta: input(2), mean: input(3), variance: input(4), epsilon: eps)
        case .quantize:
            return FloatQuantize.quantize(input(0), params: output.quant!, range: output.dtype.integerRange!)
        case .dequantize:
            return FloatQuantize.dequantize(input(0), params: inputQuant!)
        }
    }

    /// `W∗x` of a channel-scaled Dense/Conv2D/DepthwiseConv2D: no bias, no activation.
    private func unscaled(_ values: [[Float]]) -> [Float] {
        let (x, w) = (values[inputSlots[0]], values[inputSlots[1]])
        switch node.op {
        case .dense:
            return FloatDense.run(x, weight: w, bias: nil, outFeatures: inputShapes[1][0], activation: .none)
        case .conv2d(var a):
            a.activation = .none
            return FloatConv2D.run(x, inputShape: inputShapes[0], weight: w, weightShape: inputShapes[1], bias: nil, attributes: a).values
        case .depthwiseConv2d(var a):
            a.activation = .none
            return FloatDepthwiseConv2D.run(x, inputShape: inputShapes[0], weight: w, weightShape: inputShapes[1], bias: nil, attributes: a).values
        default:
            preconditionFailure("only Dense/Conv2D/DepthwiseConv2D carry a channel scale")
        }
    }
}
