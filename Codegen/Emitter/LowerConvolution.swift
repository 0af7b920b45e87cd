import SmeltIR

extension LoweringContext {
    /// Dense, Conv2D and DepthwiseConv2D: one `smelt_<op>_<variant>` call with per-channel
    /// multipliers and shifts (pow2: shifts only, `n_out − n_in − n_w`).
    mutating func lowerConvolution(_ node: Node, layer: Int) throws -> LoweredLayer {
        let variant = try variant(of: node)
        let (x, qIn) = try quant(node.inputs[0], node: node)
        let (y, qOut) = try quant(node.output, node: node)
        guard y.dtype == x.dtype else {
            throw fail(node, "input is \(x.dtype.rawValue) but output \"\(y.name)\" is \(y.dtype.rawValue)")
        }
        let w = try graph.requireTensor(node.inputs[1])
        guard w.dtype == .int8, let qW = w.quant else {
            throw fail(node, "weight \"\(w.name)\" must be int8 with quantization parameters, is \(w.dtype.rawValue)")
        }
        let biasType: DType = variant == .s16 ? .int64 : .int32
        var bias = "0"
        if node.inputs.count > 2 {
            let b = try graph.requireTensor(node.inputs[2])
            guard b.dtype == biasType else {
                throw fail(node, "bias \"\(b.name)\" is \(b.dtype.rawValue); \(variant.rawValue) layers need \(biasType.rawValue)")
            }
            bias = try constant(b.name, node: node)
        }
        let weight = try constant(w.name, node: node)
        let outC = y.shape.last ?? 1
        var multipliers: [Int32] = []
        var shifts: [Int32] = []
        for c in 0..<outC {
            if variant == .pow2 {
                guard let nIn = Requantization.fractionalBits(qIn, channel: 0),
                      let nW = Requantization.fractionalBits(qW, channel: c),
                      let nOut = Requantization.fractionalBits(qOut, channel: 0) else {
                    throw fail(node, "power-of-two layer has a scale that is not a power of two")
                }
                shifts.append(Int32(nOut - nIn - nW))
            } else {
                let real = Double(qIn.scale(channel: 0)) * Double(qW.scale(channel: c)) / Double(qOut.scale(channel: 0))
                let (m, s) = Requantization.quantizeMultiplier(real)
                multipliers.append(m)
                shifts.append(s)
            }
        }
        let activation = node.op.fusedActivation ?? .none
        let range = Requantization.activationRange(activation, quant: qOut, dtype: y.dtype)
        let multiplierArray = variant == .pow2 ? "0" : int32Array("l\(layer)_multiplier", multipliers)
        let shiftArray = int32Array("l\(layer)_shift", shifts)
        let requant: [(String, String)] = [
            ("input_offset", String(-qIn.zeroPoint(channel: 0))),
            ("output_offset", String(qOut.zeroPoint(channel: 0))),
            ("act_min", CSyntax.literal(Int64(range.min), dtype: .int32)),
            ("act_max", String(range.max)),
            ("multiplier", multiplierArray),
            ("shift", shiftArray),
        ]
        let family: String
        let paramsName: String
        var macs: Int
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
