import SmeltIR

extension ONNXConversion {
    /// Gemm `Y = alpha·A·op(B) + beta·C` → Dense with weight `[out, in]` = `alpha·Bᵀ`
    /// (`alpha·B` when `transB = 1`) and bias `beta·C` (C broadcast to `[out]`).
    /// `transA` must be 0. A flattened NCHW input's order is folded into the weight columns.
    mutating func convertGemm(_ n: ONNXNode) throws {
        guard int(n, "transA", 0) == 0 else { throw SmeltError("transA = 1 is not supported") }
        let transB = int(n, "transB", 0) != 0
        let b = try constant(n, 1)
        guard b.shape.count == 2 else { throw SmeltError("B has shape \(b.shape), expected 2 dimensions") }
        let (rows, cols) = (b.shape[0], b.shape[1])
        let (inCount, outCount) = transB ? (cols, rows) : (rows, cols)
        let alpha = float(n, "alpha", 1), beta = float(n, "beta", 1)
        // weight[o][i] = B[i][o] (or B[o][i] with transB)
        let weight: (Int, Int) -> Double = { o, i in transB ? b.values[o * cols + i] : b.values[i * cols + o] }
        var quant = try smeltQuant(b, n.inputs[1], axisMap: transB ? [0: 0] : [1: 0])
        if alpha != 1, quant != nil {
            guard alpha > 0 else { throw SmeltError("a negative alpha on a quantized B is not supported") }
            quant!.scales = quant!.scales.map { $0 * alpha }
        }
        var bias: [Float]?
        var biasQuant: QuantParams?
        if let c = try optionalConstant(n, 2) {
            bias = try broadcastBias(c, n.inputs[2], outCount).map { beta * $0 }
            biasQuant = beta == 1 ? try smeltQuant(c, n.inputs[2], axisMap: [0: 0, 1: 0]) : nil
        }
        try emitDense(n, input: try activation(n, 0), inCount: inCount, outCount: outCount,
                      weight: { o, i in alpha * Float(weight(o, i)) }, weightQuant: quant,
                      bias: bias, biasQuant: biasQuant, output: try output(n))
    }

    /// MatMul `A·B` with a constant `B [in, out]` → Dense with weight `Bᵀ`. When its only reader is
    /// an Add of a constant `[out]` (or `[1, out]`), that Add becomes the Dense bias.
    mutating func convertMatMul(_ n: ONNXNode, index: Int) throws {
        let b = try constant(n, 1)
        guard b.shape.count == 2 else { throw SmeltError("B has shape \(b.shape), expected [in, out]") }
        let (inCount, outCount) = (b.shape[0], b.shape[1])
        var out = try output(n)
        var bias: [Float]?
        var biasQuant: QuantParams?
        let readers = consumers[out] ?? []
        let isGraphOutput = model.graph.outputs.contains { $0.name == out }
        if readers.count == 1, !isGraphOutput {
            let add = model.graph.nodes[readers[0]]
            if add.opType == "Add", add.domain.isEmpty, add.inputs.count == 2,
               let other = add.inputs.first(where: { $0 != out }), let c = constants[other],
               let addOut = add.outputs.first, !addOut.isEmpty {
                bias = try broadcastBias(c, other, outCount)
                biasQuant = try smeltQuant(c, other, axisMap: [0: 0, 1: 0])
                skipped.insert(readers[0])
                out = addOut
            }
        }
        try emitDense(n, input: try activation(n, 0), inCount: inCount, outCount: outCount,
                      weight: { o, i in Float(b.values[i * outCount + o]) },
                      weightQuant: try smeltQuant(b, n.inputs[1], axisMap: [1: 0]),
                      bias: bias, biasQuant: biasQuant, output: out)
    }

    /// A bias constant of shape `[]`, `[1]`, `[out]` or `[1, out]` as `[out]` floats.
    private func broadcastBias(_ c: ONNXConstant, _ name: String, _ out: Int) throws -> [Float] {
        let v = c.values.map { Float($0) }
        if v.count == out, c.shape.last == out || out == 1 { return v }
        if v.count == 1 { return [Float](repeating: v[0], count: out) }
        throw SmeltError("bias \"\(name)\" has shape \(c.shape), expected [\(out)] or [1, \(out)]")
    }

    /// Emits Dense(input, weight[out, in], bias?), folding the input's NCHW order into the columns:
    /// Smelt column `i` reads ONNX feature `order[i]`, so `w[o][i] = weight(o, order[i])`.
    private mutating func emitDense(_ n: ONNXNode, input: ONNXValue, inCount: Int, outCount: Int,
                                    weight: (Int, Int) -> Float, weightQuant: QuantParams?,
                                    bias: [Float]?, biasQuant: QuantParams?, output out: String) throws {
        guard input.layout != .image else {
            throw SmeltError("input \"\(input.tensor)\" is 4-D [N, C, H, W]; \(n.opType) needs [N, F] (add a Flatten)")
        }
        let features = try shape(input)[0]
        guard features == inCount else { throw SmeltError("input has \(features) features, B expects \(inCount)") }
        let order = input.order ?? Array(0..<inCount)
        var w = [Float](repeating: 0, count: outCount * inCount)
        for o in 0..<outCount { for i in 0..<inCount { w[o * inCount + i] = weight(o, order[i]) } }
        var inputs = [input.tensor, try addWeight("\(n.inputs[1])/dense", shape: [outCount, inCount], values: w, quant: weightQuant)]
        if let bias {
            inputs.append(try addWeight("\(out)/bias", shape: [outCount], values: bias, quant: biasQuant))
        }
        try addNode(.dense(activation: .none), inputs: inputs, output: out)
        values[out] = ONNXValue(tensor: out, layout: .vector)
    }
}
