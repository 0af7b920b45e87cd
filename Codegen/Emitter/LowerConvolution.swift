import SmeltIR
import SmeltQuant

extension LoweringContext {
    /// Dense, Conv2D and DepthwiseConv2D: one `smelt_<op>_<variant>` call with the per-channel
    /// multipliers and shifts of `Requantization.forNode` (pow2: right shifts only).
    mutating func lowerConvolution(_ node: Node, layer: Int) throws -> LoweredLayer {
        let variant = try variant(of: node)
        let (x, _) = try quant(node.inputs[0], node: node)
        let (y, _) = try quant(node.output, node: node)
        guard y.dtype == x.dtype else {
            throw fail(node, "input is \(x.dtype.rawValue) but output \"\(y.name)\" is \(y.dtype.rawValue)")
        }
        let w = try graph.requireTensor(node.inputs[1])
        guard w.dtype == .int8, w.quant != nil else {
            throw fail(node, "weight \"\(w.name)\" must be int8 with quantization parameters, is \(w.dtype.rawValue)")
        }
        let weight = try constant(w.name, node: node)
        let biasType: DType = variant == .s16 ? .int64 : .int32
        var bias = "0"
        if node.inputs.count > 2 {
            let b = try graph.requireTensor(node.inputs[2])
            guard b.dtype == biasType else {
                throw fail(node, "bias \"\(b.name)\" is \(b.dtype.rawValue); \(variant.rawValue) layers need \(biasType.rawValue)")
            }
            bias = try constant(b.name, node: node)
        }
        let rq = try requantization(node)
        let outC = y.shape.last ?? 1
        let multiplierArray: String
        let shiftArray: String
        if variant == .pow2 {
            multiplierArray = "0"
            shiftArray = int32Array("l\(layer)_shift", rq.shifts.map { Int32($0) })
        } else {
            multiplierArray = int32Array("l\(layer)_multiplier", rq.multipliers.map(\.multiplier))
            shiftArray = int32Array("l\(layer)_shift", rq.multipliers.map { Int32($0.shift) })
        }
        let requant: [(String, String)] = [
            ("input_offset", String(-rq.inputZeroPoints[0])),
            ("output_offset", String(rq.outputZeroPoint)),
            ("act_min", CSyntax.literal(Int64(rq.activationMin), dtype: .int32)),
            ("act_max", String(rq.activationMax)),
            ("multiplier", multiplierArray),
            ("shift", shiftArray),
        ]
        let family: String
        let paramsName: String
        let macs: Int
        switch node.op {
        case .dense:
            family = "dense"
            paramsName = params("smelt_dense_params", layer: layer,
                                fields: [("in_features", "\(x.elementCount)"), ("out_features", "\(outC)")],
                                nested: [("q", requant)])
            macs = x.elementCount * outC
        case .conv2d(let a), .depthwiseConv2d(let a):
            let isDepthwise = node.op.kind == .depthwiseConv2d
            family = isDepthwise ? "depthwise" : "conv2d"
            let (kh, kw) = (w.shape[1], w.shape[2])
            let fields: [(String, String)] = [
                ("in_h", "\(x.shape[0])"), ("in_w", "\(x.shape[1])"), ("in_c", "\(x.shape[2])"),
                ("out_h", "\(y.shape[0])"), ("out_w", "\(y.shape[1])"), ("out_c", "\(outC)"),
                ("k_h", "\(kh)"), ("k_w", "\(kw)"), ("stride_h", "\(a.strideH)"), ("stride_w", "\(a.strideW)"),
                ("pad_top", "\(ShapeInference.padBefore(input: x.shape[0], kernel: kh, stride: a.strideH, padding: a.padding))"),
                ("pad_left", "\(ShapeInference.padBefore(input: x.shape[1], kernel: kw, stride: a.strideW, padding: a.padding))"),
            ]
            paramsName = params("smelt_conv_params", layer: layer, fields: fields, nested: [("q", requant)])
            macs = y.shape[0] * y.shape[1] * outC * kh * kw * (isDepthwise ? 1 : x.shape[2])
        default:
            throw fail(node, "not a convolution")
        }
        let function = "smelt_\(family)_\(variant.rawValue)"
        let call = "\(function)(&\(paramsName), \(try pointer(x.name)), \(weight), \(bias), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call], macs: macs)
    }
}
