import SmeltIR

extension ONNXConversion {
    /// Relu / Sigmoid / Tanh: element-wise, so layout and NCHW-flatten order carry through.
    mutating func convertUnary(_ n: ONNXNode) throws {
        let op: Op = n.opType == "Relu" ? .relu : n.opType == "Sigmoid" ? .sigmoid : .tanh
        try emitUnary(n, op)
    }

    private mutating func emitUnary(_ n: ONNXNode, _ op: Op) throws {
        let x = try activation(n, 0)
        let out = try output(n)
        try addNode(op, inputs: [x.tensor], output: out)
        values[out] = ONNXValue(tensor: out, layout: x.layout, order: x.order)
    }

    /// Clip(0, 6) → ReLU6, Clip(0, none or +∞) → ReLU. Bounds are inputs 1 and 2 (opset ≥ 11).
    mutating func convertClip(_ n: ONNXNode) throws {
        func bound(_ i: Int) throws -> Double? {
            guard let c = try optionalConstant(n, i) else { return nil }
            guard c.count == 1 else { throw SmeltError("Clip bound \"\(n.inputs[i])\" must be a scalar") }
            return c.values[0]
        }
        let lo = try bound(1), hi = try bound(2)
        if lo == 0, hi == 6 { return try emitUnary(n, .relu6) }
        if lo == 0, hi == nil || hi == .infinity { return try emitUnary(n, .relu) }
        throw SmeltError("Clip(\(lo.map { "\($0)" } ?? "-inf"), \(hi.map { "\($0)" } ?? "inf")) is supported only as ReLU (0, ∞) or ReLU6 (0, 6)")
    }

    /// Softmax over the features of `[N, F]`, or over channels of `[N, C, H, W]` (axis 1, opset ≥ 13).
    /// A softmax over all features is unchanged by an NCHW-flatten order, which carries through.
    mutating func convertSoftmax(_ n: ONNXNode) throws {
        let x = try activation(n, 0)
        let rank = x.layout == .vector ? 2 : 4
        var axis = Int(int(n, "axis", opset >= 13 ? -1 : 1))
        if axis < 0 { axis += rank }
        let ok: Bool
        switch x.layout {
        case .vector: ok = axis == 1
        case .pooled: ok = axis == 1
        case .image: ok = axis == 1 && opset >= 13
        }
        guard ok else { throw SmeltError("Softmax axis \(axis) on a rank-\(rank) input is not supported (only the feature/channel axis)") }
        try emitUnary(n, .softmax)
    }

    /// Add of two computed values of the same shape (a constant operand is only supported as a
    /// MatMul bias, where it is folded into the Dense).
    mutating func convertAdd(_ n: ONNXNode) throws {
        var a = try activation(n, 0), b = try activation(n, 1)
        guard a.layout == b.layout else { throw SmeltError("operands have different layouts; broadcasting Add is not supported") }
        if a.order != b.order { a = try natural(a); b = try natural(b) }
        let out = try output(n)
        try addNode(.add(activation: .none), inputs: [a.tensor, b.tensor], output: out)
        values[out] = ONNXValue(tensor: out, layout: a.layout, order: a.order)
    }

    /// Concat along the channel axis of `[N, C, H, W]` or the feature axis of `[N, F]`.
    mutating func convertConcat(_ n: ONNXNode) throws {
        var inputs = try n.inputs.indices.map { try activation(n, $0) }
        guard let first = inputs.first else { throw SmeltError("has no inputs") }
        guard inputs.allSatisfy({ $0.layout == first.layout }) else { throw SmeltError("inputs mix 2-D and 4-D values") }
        var axis = Int(int(n, "axis", 1))
        if axis < 0 { axis += first.layout == .vector ? 2 : 4 }
        guard axis == 1 else { throw SmeltError("Concat axis \(axis) is not supported (only the channel/feature axis 1)") }
        for i in inputs.indices { inputs[i] = try natural(inputs[i]) }
        let out = try output(n)
        if inputs.count == 1 {
            try addNode(.reshape(shape: try shape(inputs[0])), inputs: [inputs[0].tensor], output: out)
        } else {
            try addNode(.concatenate, inputs: inputs.map(\.tensor), output: out)
        }
        values[out] = ONNXValue(tensor: out, layout: first.layout)
    }

    /// BatchNormalization (inference) → BatchNorm over the channel (Smelt's last) axis.
    mutating func convertBatchNorm(_ n: ONNXNode) throws {
        guard int(n, "training_mode", 0) == 0 else { throw SmeltError("training_mode = 1 is not supported") }
        if n.outputs.dropFirst().contains(where: { !$0.isEmpty }) { throw SmeltError("training outputs (running mean/var) are not supported") }
        let x = try activation(n, 0)
        let c = try shape(x).last ?? 0
        var inputs = [x.tensor]
        for (i, role) in [(1, "scale"), (2, "B"), (3, "mean"), (4, "var")] {
            let p = try constant(n, i)
            guard p.count == c else { throw SmeltError("\(role) has \(p.count) values, input has \(c) channels") }
            inputs.append(try addWeight(n.inputs[i], shape: [c], values: Self.permute(p.values.map { Float($0) }, x.order)))
        }
        let out = try output(n)
        try addNode(.batchNorm(epsilon: float(n, "epsilon", 1e-5)), inputs: inputs, output: out)
        values[out] = ONNXValue(tensor: out, layout: x.layout, order: x.order)
    }

    /// Identity and Dropout (inference: identity) alias their input; no Smelt node.
    mutating func convertIdentity(_ n: ONNXNode) throws {
        if n.opType == "Dropout", n.outputs.count > 1, !n.outputs[1].isEmpty, consumers[n.outputs[1]] != nil {
            throw SmeltError("the mask output of Dropout is not supported")
        }
        let out = try output(n)
        if let c = constants[n.inputs.first ?? ""] { constants[out] = c; return }
        values[out] = try activation(n, 0)
    }
}
