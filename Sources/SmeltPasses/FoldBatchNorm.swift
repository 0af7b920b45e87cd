import SmeltIR

/// Folds each BatchNorm into the Dense, Conv2D or DepthwiseConv2D layer that produces its input.
///
/// With `s[c] = γ[c] / √(σ²[c] + ε)` the layer's weight is scaled per output channel and its bias
/// becomes `b'[c] = (b[c] − μ[c]) · s[c] + β[c]` (`b = 0` when the layer has none). The layer then
/// writes the BatchNorm's output tensor, so the BatchNorm's consumers and graph outputs are unchanged.
/// The new constants are called `<layer>.weight.folded` and `<layer>.bias.folded`; the old ones
/// are dropped when nothing else reads them.
///
/// Worked example: Dense weight `[[2]]`, bias `[1]`; BatchNorm γ 3, β 0.5, μ 1, σ² 3, ε 1 →
/// s = 3 / √4 = 1.5, weight' = `[[3]]`, bias' = (1 − 1) · 1.5 + 0.5 = `[0.5]`.
///
/// The output channel is axis 0 of a Dense `[out, in]` or Conv2D `[out, kH, kW, in]` weight and
/// axis 3 of a DepthwiseConv2D `[1, kH, kW, C]` weight. `s` is computed in `Double`.
///
/// **Shared kernels** (docs/kernel-sharing.md): when the producer's weight is read by other nodes
/// too, or the producer already has a channel scale (input 3), the kernel is left untouched and
/// the BatchNorm goes into the layer's own channel scale instead: `scale'[c] = scale[c] · s[c]`
/// (`scale = 1` when the layer has none), bias as above. The layer then computes
/// `act(scale' ⊙ (W∗x) + b')`; the new constants are `<layer>.scale.folded` and
/// `<layer>.bias.folded`. Worked example: a kernel `[[2]]` shared by two Dense layers, the first
/// followed by the BatchNorm above → that layer gets scale `[1.5]`, bias `[0.5]`, kernel still `[[2]]`.
///
/// A BatchNorm is left in place (the emulator still runs it) when:
/// - its input is not produced by a Dense/Conv2D/DepthwiseConv2D, or that layer already has a
///   fused activation (the BatchNorm then follows a nonlinearity);
/// - its input is read by another node too, or is a graph output;
/// - any of the tensors involved is not float32 constant data.
public func foldBatchNorm(_ graph: Graph) throws -> Graph {
    var g = try graph.verified()
    let batchNorms = g.nodes.filter { $0.op.kind == .batchNorm }.map(\.name)
    for name in batchNorms {
        guard let bn = g.node(name), let fold = BatchNormFold(bn, in: g) else { continue }
        g = fold.apply(to: g)
    }
    return try g.verified()
}

/// One foldable (layer, BatchNorm) pair with the folded weight (or channel scale) and bias.
private struct BatchNormFold {
    let layer: Node
    let batchNorm: Node
    /// The folded private kernel, or `nil` when the BatchNorm goes into the channel scale.
    let weight: Tensor?
    /// The layer's new channel scale (shared kernels), or `nil`.
    let scale: [Float]?
    let bias: [Float]

    init?(_ bn: Node, in g: Graph) {
        guard case .batchNorm(let eps) = bn.op,
              let layer = g.producer(of: bn.inputs[0]),
              [.dense, .conv2d, .depthwiseConv2d].contains(layer.op.kind),
              layer.op.fusedActivation == Activation.none,
              g.onlyFeeds(bn.inputs[0], bn),
              let w = g.tensor(layer.inputs[1]), let wv = w.data?.floats
        else { return nil }
        let stats = bn.inputs[1...4].map { g.tensor($0)?.data?.floats }
        guard let gamma = stats[0], let beta = stats[1], let mean = stats[2], let variance = stats[3] else { return nil }
        let channels = gamma.count
        var b = [Float](repeating: 0, count: channels)
        if layer.inputs.count > 2 {
            guard let bv = g.tensor(layer.inputs[2])?.data?.floats else { return nil }
            b = bv
        }
        var oldScale: [Float]? = nil
        if layer.inputs.count > 3 {
            guard let sv = g.tensor(layer.inputs[3])?.data?.floats else { return nil }
            oldScale = sv
        }
        let s: [Double] = (0..<channels).map { c in
            let std: Double = (Double(variance[c]) + Double(eps)).squareRoot()
            return Double(gamma[c]) / std
        }
        if g.consumers(of: layer.inputs[1]).count > 1 || oldScale != nil {
            let old = oldScale ?? [Float](repeating: 1, count: channels)
            self.scale = (0..<channels).map { Float(Double(old[$0]) * s[$0]) }
            self.weight = nil
        } else {
            var folded = wv
            if layer.op.kind == .depthwiseConv2d {
                for i in folded.indices { folded[i] = Float(Double(folded[i]) * s[i % channels]) }
            } else {
                let perChannel = wv.count / channels
                for i in folded.indices { folded[i] = Float(Double(folded[i]) * s[i / perChannel]) }
            }
            self.scale = nil
            self.weight = Tensor.constant(g.freshTensorName("\(layer.name).weight.folded"), shape: w.shape, values: folded)
        }
        self.layer = layer
        self.batchNorm = bn
        var foldedBias = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            let shifted: Double = Double(b[c]) - Double(mean[c])
            foldedBias[c] = Float(shifted * s[c] + Double(beta[c]))
        }
        self.bias = foldedBias
    }

    func apply(to graph: Graph) -> Graph {
        var g = graph
        var inputs = [layer.inputs[0], layer.inputs[1]]
        if let weight {
            g.setTensor(weight)
            inputs[1] = weight.name
        }
        let biasTensor = Tensor.constant(g.freshTensorName("\(layer.name).bias.folded"), shape: [bias.count], values: bias)
        g.setTensor(biasTensor)
        inputs.append(biasTensor.name)
        if let scale {
            let scaleTensor = Tensor.constant(g.freshTensorName("\(layer.name).scale.folded"), shape: [scale.count], values: scale)
            g.setTensor(scaleTensor)
            inputs.append(scaleTensor.name)
        }
        g.replaceNode(layer.name, with: Node(name: layer.name, op: layer.op, inputs: inputs, output: batchNorm.output))
        g.removeNode(batchNorm.name)
        return g.removingOrphans(Array(layer.inputs.dropFirst()) + [layer.output] + Array(batchNorm.inputs.dropFirst()))
    }
}
