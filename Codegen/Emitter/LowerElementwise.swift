import SmeltIR
import SmeltQuant

extension LoweringContext {
    /// Unfused ReLU / ReLU6 (a clamp with the input's params) and Reshape / Flatten
    /// (nothing when the planner aliased the output to the input, else a copy).
    mutating func lowerClampOrCopy(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, _) = try quant(node.inputs[0], node: node)
        let (y, _) = try quant(node.output, node: node)
        guard x.dtype == y.dtype else { throw fail(node, "input is \(x.dtype.rawValue) but output is \(y.dtype.rawValue)") }
        if node.op.kind == .reshape || node.op.kind == .flatten, plan.aliases[node.output] != nil {
            return LoweredLayer(statements: ["/* \(node.op.kind.rawValue): \"\(y.name)\" shares the storage of \"\(x.name)\" */"])
        }
        let rq = try requantization(node)
        let dtype = x.dtype == .int16 ? "s16" : "s8"
        let name = params("smelt_clamp_params", layer: layer, fields: [
            ("size", "\(x.elementCount)"), ("act_min", "\(rq.activationMin)"), ("act_max", "\(rq.activationMax)"),
        ])
        let function = "smelt_clamp_\(dtype)"
        let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
    }

    /// Add: TFLite's Add (left shift 20 for int8, 15 for int16) or the pow2 shift-only form.
    mutating func lowerAdd(_ node: Node, layer: Int) throws -> LoweredLayer {
        let variant = try variant(of: node)
        let (a, _) = try quant(node.inputs[0], node: node)
        let (b, _) = try quant(node.inputs[1], node: node)
        let (y, _) = try quant(node.output, node: node)
        let rq = try requantization(node)
        let m = variant == .pow2 ? Array(repeating: QuantizedMultiplier(multiplier: 0, shift: 0), count: 3) : rq.multipliers
        let shifts = variant == .pow2 ? rq.shifts : m.map(\.shift)
        let name = params("smelt_add_params", layer: layer, fields: [
            ("size", "\(y.elementCount)"), ("left_shift", "\(rq.addLeftShift)"),
            ("input1_offset", "\(-rq.inputZeroPoints[0])"), ("input1_multiplier", "\(m[0].multiplier)"), ("input1_shift", "\(shifts[0])"),
            ("input2_offset", "\(-rq.inputZeroPoints[1])"), ("input2_multiplier", "\(m[1].multiplier)"), ("input2_shift", "\(shifts[1])"),
            ("output_offset", "\(rq.outputZeroPoint)"), ("output_multiplier", "\(m[2].multiplier)"), ("output_shift", "\(shifts[2])"),
            ("act_min", "\(rq.activationMin)"), ("act_max", "\(rq.activationMax)"),
        ])
        let function = "smelt_add_\(variant.rawValue)"
        let call = "\(function)(&\(name), \(try pointer(a.name)), \(try pointer(b.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
    }

    /// Concatenate along the last axis: one call per input, each requantized to the output's
    /// params (a plain copy when the requantization is the identity).
    mutating func lowerConcatenate(_ node: Node, layer: Int) throws -> LoweredLayer {
        let variant = try variant(of: node)
        let (y, _) = try quant(node.output, node: node)
        let rq = try requantization(node)
        let outC = y.shape.last ?? 1
        let outer = y.elementCount / max(outC, 1)
        let function = "smelt_concat_\(variant.rawValue)"
        var statements: [String] = []
        var offset = 0
        for (i, input) in node.inputs.enumerated() {
            let (x, _) = try quant(input, node: node)
            let inC = x.shape.last ?? 1
            let m = variant == .pow2 ? QuantizedMultiplier(multiplier: 0, shift: rq.shifts[i]) : rq.multipliers[i]
            // MBQM by exactly 1.0 (2^30, shift 1) with equal zero points, or a pow2 shift of 0, is a copy.
            let identity = variant == .pow2 ? m.shift == 0
                : (m.multiplier == 1 << 30 && m.shift == 1 && rq.inputZeroPoints[i] == rq.outputZeroPoint)
            let name = params("smelt_concat_params", layer: layer, suffix: "in\(i)", fields: [
                ("outer", "\(outer)"), ("in_c", "\(inC)"), ("out_c", "\(outC)"), ("channel_offset", "\(offset)"),
                ("requantize", identity ? "0" : "1"),
                ("input_offset", "\(-rq.inputZeroPoints[i])"), ("output_offset", "\(rq.outputZeroPoint)"),
                ("multiplier", "\(m.multiplier)"), ("shift", "\(m.shift)"),
                ("act_min", "\(rq.activationMin)"), ("act_max", "\(rq.activationMax)"),
            ])
            statements.append("\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));")
            offset += inC
        }
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: statements)
    }
}
