import SmeltIR

extension ONNXConversion {
    /// Conv → Conv2D (group 1) or DepthwiseConv2D (group = channels, one filter per channel).
    ///
    /// ONNX weights are `[O, I/group, kH, kW]`. Conv2D wants `[O, kH, kW, I]`:
    /// `w[o][y][x][i] = onnx[o][i][y][x]`. Depthwise (`[C, 1, kH, kW]`) wants `[1, kH, kW, C]`:
    /// `w[0][y][x][c] = onnx[c][0][y][x]`.
    mutating func convertConv(_ n: ONNXNode) throws {
        let x = try image(try activation(n, 0))
        let w = try constant(n, 1)
        let bias = try optionalConstant(n, 2)
        let xs = try shape(x)
        let (h, wd, cin) = (xs[0], xs[1], xs[2])
        guard w.shape.count == 4 else { throw SmeltError("weight has shape \(w.shape), expected [O, I, kH, kW]") }
        let (o, i, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        if let k = ints(n, "kernel_shape"), k != [kh, kw] { throw SmeltError("kernel_shape \(k) does not match weight \(w.shape)") }
        let group = Int(int(n, "group", 1))
        let (sh, sw) = try strides(n)
        let attrs = ConvAttributes(strideH: sh, strideW: sw, padding: try padding(inH: h, inW: wd, kH: kh, kW: kw, sH: sh, sW: sw))
        let out = try output(n)
        var inputs = [x.tensor]
        if group == 1 {
            guard i == cin else { throw SmeltError("input has \(cin) channels, weight \(w.shape) expects \(i)") }
            var v = [Float](repeating: 0, count: w.count)
            for oc in 0..<o { for y in 0..<kh { for xx in 0..<kw { for ic in 0..<i {
                v[((oc * kh + y) * kw + xx) * i + ic] = Float(w.values[((oc * i + ic) * kh + y) * kw + xx])
            } } } }
            inputs.append(try addWeight("\(n.inputs[1])/ohwi", shape: [o, kh, kw, i], values: v,
                                        quant: try smeltQuant(w, n.inputs[1], axisMap: [0: 0])))
        } else if group == cin, o == cin, i == 1 {
            var v = [Float](repeating: 0, count: w.count)
            for c in 0..<o { for y in 0..<kh { for xx in 0..<kw {
                v[(y * kw + xx) * o + c] = Float(w.values[(c * kh + y) * kw + xx])
            } } }
            inputs.append(try addWeight("\(n.inputs[1])/1hwc", shape: [1, kh, kw, o], values: v,
                                        quant: try smeltQuant(w, n.inputs[1], axisMap: [0: 3])))
        } else {
            throw SmeltError("group \(group) with weight \(w.shape) on \(cin) channels is not supported (only group 1, or depthwise: group = channels with one filter each)")
        }
        if let bias {
            guard bias.count == o else { throw SmeltError("bias has \(bias.count) values, expected \(o)") }
            inputs.append(try addWeight(n.inputs[2], shape: [o], values: bias.values.map { Float($0) },
                                        quant: try smeltQuant(bias, n.inputs[2], axisMap: [0: 0])))
        }
        let op: Op = group == 1 ? .conv2d(attrs) : .depthwiseConv2d(attrs)
        try addNode(op, inputs: inputs, output: out)
        values[out] = ONNXValue(tensor: out, layout: .image)
    }

    /// MaxPool / AveragePool → MaxPool2D / AveragePool2D (padding must be valid or TF same;
    /// AveragePool with `count_include_pad = 1` only without padding).
    mutating func convertPool(_ n: ONNXNode) throws {
        let x = try image(try activation(n, 0))
        if n.outputs.count > 1, !n.outputs[1].isEmpty { throw SmeltError("the Indices output of MaxPool is not supported") }
        guard let k = ints(n, "kernel_shape"), k.count == 2, k.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else {
            throw SmeltError("kernel_shape must be two positive values")
        }
        let xs = try shape(x)
        let (sh, sw) = try strides(n)
        let pad = try padding(inH: xs[0], inW: xs[1], kH: k[0], kW: k[1], sH: sh, sW: sw)
        let attrs = PoolAttributes(sizeH: k[0], sizeW: k[1], strideH: sh, strideW: sw, padding: pad)
        let isMax = n.opType == "MaxPool"
        func padTotal(_ input: Int, _ k: Int, _ st: Int) -> Int {
            max((ShapeInference.outputSize(input: input, kernel: k, stride: st, padding: .same) - 1) * st + k - input, 0)
        }
        if !isMax, int(n, "count_include_pad", 0) != 0, pad == .same, padTotal(xs[0], k[0], sh) + padTotal(xs[1], k[1], sw) > 0 {
            throw SmeltError("count_include_pad = 1 with padding is not supported (Smelt averages valid elements only)")
        }
        let out = try output(n)
        try addNode(isMax ? .maxPool2d(attrs) : .averagePool2d(attrs), inputs: [x.tensor], output: out)
        values[out] = ONNXValue(tensor: out, layout: .image)
    }

    /// GlobalAveragePool → GlobalAveragePool; ONNX's `[1, C, 1, 1]` is held as Smelt `[C]`.
    mutating func convertGlobalAveragePool(_ n: ONNXNode) throws {
        let x = try image(try activation(n, 0))
        let out = try output(n)
        try addNode(.globalAveragePool, inputs: [x.tensor], output: out)
        values[out] = ONNXValue(tensor: out, layout: .pooled)
    }

    /// A DequantizeLinear'd constant's quantization in Smelt's axis (`axisMap`: ONNX → Smelt).
    func smeltQuant(_ c: ONNXConstant, _ name: String, axisMap: [Int: Int]) throws -> QuantParams? {
        guard var q = c.quant else { return nil }
        guard let a = q.axis else { return q }
        guard let mapped = axisMap[a] else {
            throw SmeltError("constant \"\(name)\" is quantized per channel along ONNX axis \(a); Smelt needs the output-channel axis")
        }
        q.axis = mapped
        return q
    }
}
