import SmeltIR

/// Per-operator mapping. Option slots are schema.fbs field positions:
/// Conv2DOptions: padding 0, stride_w 1, stride_h 2, fused_activation_function 3, dilation_w 4, dilation_h 5.
/// DepthwiseConv2DOptions: padding 0, stride_w 1, stride_h 2, depth_multiplier 3, fused 4, dilation_w 5, dilation_h 6.
/// Pool2DOptions: padding 0, stride_w 1, stride_h 2, filter_width 3, filter_height 4, fused 5.
/// FullyConnectedOptions: fused 0, weights_format 1, keep_num_dims 2. SoftmaxOptions: beta 0.
/// ConcatenationOptions: axis 0, fused 1. AddOptions: fused 0. ReducerOptions: keep_dims 0.
extension TFLiteConversion {
    mutating func convert(_ op: TFLiteOperator, code: Int32) throws {
        let o = op.options
        func input(_ i: Int) throws -> String {
            guard i < op.inputs.count, op.inputs[i] >= 0 else { throw SmeltError("missing input \(i)") }
            return try tensor(op.inputs[i])
        }
        func optionalInput(_ i: Int) throws -> String? {
            i < op.inputs.count && op.inputs[i] >= 0 ? try tensor(op.inputs[i]) : nil
        }
        func expectOptions(_ tag: UInt8) throws {
            guard o == nil || op.optionsType == tag else { throw SmeltError("builtin options type \(op.optionsType), expected \(tag)") }
        }
        guard op.outputs.count == 1 else { throw SmeltError("has \(op.outputs.count) outputs, expected 1") }
        let output = op.outputs[0]
        switch code {
        case 3, 4:   // CONV_2D, DEPTHWISE_CONV_2D
            let dw = code == 4
            try expectOptions(dw ? 2 : 1)
            let fusedSlot = dw ? 4 : 3, dilationSlot = dw ? 5 : 4
            guard try o?.int32(dilationSlot, default: 1) ?? 1 == 1, try o?.int32(dilationSlot + 1, default: 1) ?? 1 == 1 else {
                throw SmeltError("dilation is not supported")
            }
            let attrs = ConvAttributes(strideH: Int(try o?.int32(2) ?? 1), strideW: Int(try o?.int32(1) ?? 1),
                                       padding: try padding(try o?.int8(0) ?? 0), activation: try activation(try o?.int8(fusedSlot) ?? 0))
            let ins = try [input(0), input(1)] + [optionalInput(2)].compactMap { $0 }
            try addNode(dw ? .depthwiseConv2d(attrs) : .conv2d(attrs), inputs: ins, output: output)
        case 9:      // FULLY_CONNECTED
            try expectOptions(8)
            guard try o?.int8(1) ?? 0 == 0 else { throw SmeltError("shuffled weights_format is not supported") }
            var x = try input(0)
            if try graph.requireTensor(x).shape.count != 1 {
                let flat = try intermediate("\(x)/flat", like: x)
                try appendNode(.flatten, inputs: [x], output: flat, suffix: "flatten")
                x = flat
            }
            let ins = try [x, input(1)] + [optionalInput(2)].compactMap { $0 }
            try addNode(.dense(activation: try activation(try o?.int8(0) ?? 0)), inputs: ins, output: output)
        case 17, 1:  // MAX_POOL_2D, AVERAGE_POOL_2D
            try expectOptions(5)
            guard let o else { throw SmeltError("missing Pool2DOptions") }
            let attrs = PoolAttributes(sizeH: Int(try o.int32(4)), sizeW: Int(try o.int32(3)),
                                       strideH: Int(try o.int32(2)), strideW: Int(try o.int32(1)), padding: try padding(try o.int8(0)))
            let pool: Op = code == 17 ? .maxPool2d(attrs) : .averagePool2d(attrs)
            let x = try input(0)
            try withActivation(try activation(try o.int8(5)), output: output) { c, out in
                try c.appendNode(pool, inputs: [x], output: out)
            }
        case 0:      // ADD
            try expectOptions(11)
            try addNode(.add(activation: try activation(try o?.int8(0) ?? 0)), inputs: [input(0), input(1)], output: output)
        case 2:      // CONCATENATION
            try expectOptions(10)
            _ = try tensor(output)
            let rank = model.tensors[output].shape.count
            let axis = Int(try o?.int32(0) ?? 0)
            guard axis == -1 || axis == rank - 1 else { throw SmeltError("concatenation axis \(axis) is not the last (channel) axis") }
            let ins = try op.inputs.indices.map { try input($0) }
            try withActivation(try activation(try o?.int8(1) ?? 0), output: output) { c, out in
                try c.appendNode(.concatenate, inputs: ins, output: out)
            }
        case 22:     // RESHAPE: target shape from the output tensor (batch dropped)
            let x = try input(0)
            let outName = try tensor(output)
            let target = try graph.requireTensor(outName).shape
            try addNode(target.count == 1 ? .flatten : .reshape(shape: target), inputs: [x], output: output)
        case 25:     // SOFTMAX
            try expectOptions(9)
            guard try o?.float(0, default: 1) ?? 1 == 1 else { throw SmeltError("softmax beta \(try o?.float(0) ?? 1) is not supported (only 1)") }
            let x = try input(0)
            let outName = try tensor(output)
            let (xt, yt) = (try graph.requireTensor(x), try graph.requireTensor(outName))
            guard xt.dtype == .int8, yt.dtype == .int8, let qx = xt.quant, let qy = yt.quant else {
                throw SmeltError("SOFTMAX is supported on int8 tensors with quantization parameters only")
            }
            guard qy.zeroPoints[0] == -128, abs(Double(qy.scales[0]) - 1.0 / 256) < 1e-4 / 256 else {
                throw SmeltError("SOFTMAX output must have scale 1/256 and zero point -128 (as TFLite Micro requires), got \(qy.scales[0]), \(qy.zeroPoints[0])")
            }
            guard Double(qx.scales[0]) * Double(1 << 26) >= 1 else {
                throw SmeltError("SOFTMAX input scale \(qx.scales[0]) is below 2^-26 (TFLite Micro rejects it)")
            }
            try addNode(.softmax, inputs: [x], output: output, semantics: .tflm)
        case 40:     // MEAN over H and W
            try expectOptions(27)
            let x = try input(0)
            let axesName = try input(1)
            let axes = try graph.requireTensor(axesName).data?.integers ?? []
            guard Set(axes) == [1, 2], try graph.requireTensor(x).shape.count == 3 else {
                throw SmeltError("MEAN over axes \(axes) is not supported (only [1, 2] of an NHWC tensor)")
            }
            let out = try tensor(output)
            let (xt, yt) = (try graph.requireTensor(x), try graph.requireTensor(out))
            guard xt.dtype == .int8, yt.dtype == .int8, let qx = xt.quant, let qy = yt.quant, qx.scales.count == 1, qy.scales.count == 1 else {
                throw SmeltError("MEAN is supported on int8 tensors with per-tensor quantization only")
            }
            if try o?.bool(0) ?? false {
                let pooled = try intermediate("\(out)/pooled", like: out)
                try appendNode(.globalAveragePool, inputs: [x], output: pooled, suffix: "mean", semantics: .tflm)
                let c = try graph.requireTensor(pooled).shape
                try addNode(.reshape(shape: [1, 1] + c), inputs: [pooled], output: output)
            } else {
                try addNode(.globalAveragePool, inputs: [x], output: output, semantics: .tflm)
            }
        case 14, 28, 19, 21:   // LOGISTIC, TANH, RELU, RELU6
            let ops: [Int32: Op] = [14: .sigmoid, 28: .tanh, 19: .relu, 21: .relu6]
            try addNode(ops[code]!, inputs: [input(0)], output: output)
        case 114, 6:  // QUANTIZE (float → int), DEQUANTIZE (int → float)
            let x = try input(0)
            let isQuantize = code == 114
            guard (try graph.requireTensor(x).dtype == .float32) == isQuantize else {
                throw SmeltError(isQuantize ? "QUANTIZE of an integer tensor (requantization) is not supported" : "DEQUANTIZE of a float tensor")
            }
            try addNode(isQuantize ? .quantize : .dequantize, inputs: [x], output: output)
        default:
            let custom = model.operatorCodes[op.opcodeIndex].custom.map { " \"\($0)\"" } ?? ""
            let list = TFLiteImporter.supportedOps.values.sorted().joined(separator: ", ")
            let out = output >= 0 && output < model.tensors.count && !model.tensors[output].name.isEmpty
                ? ", output \"\(model.tensors[output].name)\"" : ""
            throw SmeltError("unsupported TFLite op \(TFLiteBuiltinNames.name(code))\(custom) (builtin \(code)\(out)) (supported: \(list))")
        }
    }

    /// Runs `body` into the output, or into an intermediate followed by ReLU/ReLU6 when a pool or
    /// concatenation carries a fused activation (same clamp as TFLite's activation range).
    private mutating func withActivation(_ a: Activation, output: Int, _ body: (inout TFLiteConversion, String) throws -> Void) throws {
        let out = try tensor(output)
        guard a != .none else {
            let declared = try graph.requireTensor(out).shape
            try body(&self, out)
            let inferred = try graph.requireTensor(out).shape
            guard inferred == declared else {
                throw SmeltError("output \"\(out)\" has shape \(declared) in the file, Smelt computes \(inferred)")
            }
            return
        }
        let pre = try intermediate("\(out)/pre_activation", like: out)
        try body(&self, pre)
        try addNode(a == .relu ? .relu : .relu6, inputs: [pre], output: output)
    }
}
