import SmeltIR

/// Post-training quantization of a float graph into a quantized graph (docs/contracts.md).
///
/// The input graph must already have been through `Pipeline.standard` (no BatchNorm left,
/// activations fused). Every activation tensor becomes the scheme's integer type with
/// per-tensor parameters; Dense/Conv weights become int8 and biases int32 / int64.
/// A weight tensor shared by several layers is quantized once (one int8 tensor, one set of
/// per-channel scales); a layer's channel scale (input 3) stays float32 and is folded into that
/// layer's multipliers and bias at compile time (docs/kernel-sharing.md).
/// Output parameters: Dense, Conv2D, DepthwiseConv2D, Add and Concatenate from the calibrated
/// range of their output; MaxPool2D, AveragePool2D, GlobalAveragePool, ReLU, ReLU6, Reshape
/// and Flatten keep their input's parameters; Sigmoid, Tanh and Softmax get the fixed
/// parameters of `LookupTables`.
///
/// ```swift
/// let q = try Quantizer.quantize(graph: g, calibration: cal, scheme: .int8)
/// let x = try q.quantizeInput(pixels)          // [Int32] in int8 range
/// ```
public enum Quantizer {
    /// Activation parameters for a calibrated range: int8 → `ParameterChoice.asymmetricInt8`,
    /// int16 → symmetric over 32767, pow2 → `ParameterChoice.powerOfTwo`.
    public static func activationParams(_ r: TensorRange, scheme: Scheme) -> QuantParams {
        switch scheme {
        case .int8: return ParameterChoice.asymmetricInt8(r)
        case .int16: return ParameterChoice.symmetric(r, qmax: 32767)
        case .pow2: return ParameterChoice.powerOfTwo(r)
        }
    }

    /// Quantizes `graph` with the ranges in `calibration`. Throws a `SmeltError` naming the node
    /// or tensor when the graph still has BatchNorm / Quantize / Dequantize nodes, a tensor has no
    /// calibration range, or a requantization shift falls out of range.
    public static func quantize(graph: Graph, calibration: Calibration, scheme: Scheme) throws -> Graph {
        let g = try graph.verified()
        for t in g.tensors where t.dtype != .float32 {
            throw SmeltError("tensor \"\(t.name)\" is \(t.dtype.rawValue); the quantizer needs a float graph")
        }
        var out = g
        var params: [String: QuantParams] = [:]
        var quantizedConstants = Set<String>()
        var biasesSeen: [String: Tensor] = [:]
        func calibrated(_ name: String) throws -> QuantParams {
            activationParams(try calibration.range(of: name), scheme: scheme)
        }
        for i in g.inputs { params[i] = try calibrated(i) }

        for (k, node) in g.nodes.enumerated() {
            func fail(_ s: String) -> SmeltError { SmeltError.node(node.name, s) }
            // Constants read as activations (e.g. an Add operand).
            for name in node.inputs.enumerated().filter({ !node.op.weightInputPositions.contains($0.offset) }).map(\.element) {
                guard let t = g.tensor(name), t.isConstant else { continue }
                if !quantizedConstants.contains(name) {
                    let q = try WeightQuantization.constantActivation(t, scheme: scheme)
                    out.setTensor(q)
                    params[name] = q.quant
                    quantizedConstants.insert(name)
                }
            }
            guard let inP = params[node.inputs[0]] else { throw fail("input \"\(node.inputs[0])\" has no quantization parameters") }
            switch node.op {
            case .batchNorm:
                throw fail("BatchNorm must be folded before quantization (run Pipeline.standard)")
            case .quantize, .dequantize:
                throw fail("\(node.op.kind.rawValue) nodes cannot be quantized again")
            case .dense, .conv2d, .depthwiseConv2d:
                params[node.output] = try calibrated(node.output)
                let w = try g.requireTensor(node.inputs[1])
                let qw: Tensor
                if quantizedConstants.contains(w.name) {
                    qw = out.tensor(w.name)!
                } else {
                    let axis: Int
                    if case .depthwiseConv2d = node.op { axis = 3 } else { axis = 0 }
                    qw = scheme == .pow2 ? try WeightQuantization.powerOfTwoInt8(w)
                                         : try WeightQuantization.perChannelInt8(w, axis: axis)
                    out.setTensor(qw)
                    quantizedConstants.insert(w.name)
                }
                if node.inputs.count > 2 {
                    let b = try g.requireTensor(node.inputs[2])
                    var name = b.name
                    let channelScale = try Requantization.channelScale(node, in: g)
                    if channelScale != nil && scheme == .pow2 {
                        throw fail("a channel scale (shared kernel with folded BatchNorm) needs the int8 or int16 scheme; pow2 requantizes by shifts only")
                    }
                    let wanted = try WeightQuantization.bias(b, name: name, input: inP, weight: qw.quant!, scheme: scheme,
                                                             channelScale: channelScale)
                    if let seen = biasesSeen[name], seen.quant != wanted.quant || seen.data != wanted.data {
                        name = "\(b.name)_\(node.name)"   // shared float bias read at another input scale
                    }
                    var qb = wanted
                    qb.name = name
                    out.setTensor(qb)
                    biasesSeen[name] = qb
                    out.nodes[k].inputs[2] = name
                }
            case .add, .concatenate:
                params[node.output] = try calibrated(node.output)
            case .maxPool2d, .averagePool2d, .globalAveragePool, .relu, .relu6, .reshape, .flatten:
                params[node.output] = inP
            case .sigmoid:
                params[node.output] = LookupTables.sigmoidOutputParams(scheme)
            case .tanh:
                params[node.output] = LookupTables.tanhOutputParams(scheme)
            case .softmax:
                let n = try g.requireTensor(node.output).shape.last ?? 1
                guard n <= 32767 else { throw fail("Softmax over \(n) values exceeds the integer sum's 32767 limit") }
                params[node.output] = LookupTables.softmaxOutputParams(scheme)
            }
        }
        for (name, p) in params where !quantizedConstants.contains(name) {
            guard var t = out.tensor(name) else { continue }
            t.dtype = scheme.activationType
            t.quant = p
            out.setTensor(t)
        }
        out.metadata["quantization"] = scheme.rawValue
        out.removeUnusedTensors()
        let verified = try out.verified()
        for node in verified.nodes { _ = try Requantization.forNode(node, in: verified) }
        return verified
    }
}
