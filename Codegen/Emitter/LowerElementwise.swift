import SmeltIR

extension LoweringContext {
    /// Unfused ReLU / ReLU6 (a clamp with the input's params) and Reshape / Flatten
    /// (nothing when the planner aliased the output to the input, else a copy).
    mutating func lowerClampOrCopy(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, q) = try quant(node.inputs[0], node: node)
        let (y, _) = try quant(node.output, node: node)
        guard x.dtype == y.dtype else { throw fail(node, "input is \(x.dtype.rawValue) but output is \(y.dtype.rawValue)") }
        let range: (min: Int32, max: Int32)
        switch node.op {
        case .relu: range = Requantization.activationRange(.relu, quant: q, dtype: x.dtype)
        case .relu6: range = Requantization.activationRange(.relu6, quant: q, dtype: x.dtype)
        default:
            if plan.aliases[node.output] != nil {
                return LoweredLayer(statements: ["/* \(node.op.kind.rawValue): \"\(y.name)\" shares the storage of \"\(x.name)\" */"])
            }
            range = Requantization.activationRange(.none, quant: q, dtype: x.dtype)
        }
        let dtype = x.dtype == .int16 ? "s16" : "s8"
        let name = params("smelt_clamp_params", layer: layer, fields: [
            ("size", "\(x.elementCount)"), ("act_min", "\(range.min)"), ("act_max", "\(range.max)"),
        ])
        let function = "smelt_clamp_\(dtype)"
        let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
    }

    /// Add: TFLite's int8 Add (left shift 20, input multipliers from 2 · max(s_a, s_b)).
    mutating func lowerAdd(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (a, qa) = try quant(node.inputs[0], node: node)
        let (b, qb) = try quant(node.inputs[1], node: node)
        let (y, qy) = try quant(node.output, node: node)
        guard a.dtype == .int8, b.dtype == .int8, y.dtype == .int8 else {
            throw fail(node, "Add is generated for int8 tensors only, got \(a.dtype.rawValue)")
        }
        let leftShift = 20
        let twiceMax = 2 * Double(max(qa.scale(channel: 0), qb.scale(channel: 0)))
        let m1 = Requantization.quantizeMultiplier(Double(qa.scale(channel: 0)) / twiceMax)
        let m2 = Requantization.quantizeMultiplier(Double(qb.scale(channel: 0)) / twiceMax)
        let mo = Requantization.quantizeMultiplier(twiceMax / (Double(1 << leftShift) * Double(qy.scale(channel: 0))))
        let range = Requantization.activationRange(node.op.fusedActivation ?? .none, quant: qy, dtype: .int8)
        let name = params("smelt_add_params", layer: layer, fields: [
            ("size", "\(y.elementCount)"), ("left_shift", "\(leftShift)"),
            ("input1_offset", "\(-qa.zeroPoint(channel: 0))"), ("input1_multiplier", "\(m1.multiplier)"), ("input1_shift", "\(m1.shift)"),
            ("input2_offset", "\(-qb.zeroPoint(channel: 0))"), ("input2_multiplier", "\(m2.multiplier)"), ("input2_shift", "\(m2.shift)"),
            ("output_offset", "\(qy.zeroPoint(channel: 0))"), ("output_multiplier", "\(mo.multiplier)"), ("output_shift", "\(mo.shift)"),
            ("act_min", "\(range.min)"), ("act_max", "\(range.max)"),
        ])
        let call = "smelt_add_s8(&\(name), \(try pointer(a.name)), \(try pointer(b.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: ["smelt_add_s8.c"], kernels: ["smelt_add_s8"], statements: [call])
    }

    /// Concatenate along the last axis: one call per input, requantizing inputs whose
    /// params differ from the output's (multiplier from s_in / s_out).
    mutating func lowerConcatenate(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (y, qy) = try quant(node.output, node: node)
        let outC = y.shape.last ?? 1
        let outer = y.elementCount / max(outC, 1)
        let dtype = y.dtype == .int16 ? "s16" : "s8"
        let function = "smelt_concat_\(dtype)"
        let range = y.dtype.integerRange!
        var statements: [String] = []
        var offset = 0
        for (i, input) in node.inputs.enumerated() {
            let (x, qx) = try quant(input, node: node)
            guard x.dtype == y.dtype else { throw fail(node, "input \"\(x.name)\" is \(x.dtype.rawValue), output is \(y.dtype.rawValue)") }
            let inC = x.shape.last ?? 1
            let same = qx.scale(channel: 0) == qy.scale(channel: 0) && qx.zeroPoint(channel: 0) == qy.zeroPoint(channel: 0)
            let m = Requantization.quantizeMultiplier(Double(qx.scale(channel: 0)) / Double(qy.scale(channel: 0)))
            let name = params("smelt_concat_params", layer: layer, suffix: "in\(i)", fields: [
                ("outer", "\(outer)"), ("in_c", "\(inC)"), ("out_c", "\(outC)"), ("channel_offset", "\(offset)"),
                ("requantize", same ? "0" : "1"),
                ("input_offset", "\(-qx.zeroPoint(channel: 0))"), ("output_offset", "\(qy.zeroPoint(channel: 0))"),
                ("multiplier", "\(m.multiplier)"), ("shift", "\(m.shift)"),
                ("act_min", "\(range.lowerBound)"), ("act_max", "\(range.upperBound)"),
            ])
            statements.append("\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));")
            offset += inC
        }
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: statements)
    }
}
