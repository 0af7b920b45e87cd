import SmeltIR

/// Constant nodes and QuantizeLinear / DequantizeLinear (QDQ) handling.
///
/// Smelt's float graph keeps a QDQ model's quantization as `Tensor.quant` on float32 tensors:
/// - `DequantizeLinear(q_const, scale, zp)` on a constant is folded: the weight becomes the float
///   values `(q − zp)·scale` and carries `QuantParams(scales, zeroPoints, axis)` (axis mapped to
///   Smelt's layout when the weight is re-laid out).
/// - An activation pair `x → QuantizeLinear → DequantizeLinear → y` disappears: `y` is `x`, and
///   `x`'s tensor gets the pair's `QuantParams` (per tensor).
/// uint8 parameters become int8 ones with the zero point shifted by −128 (`q₈ = q_u8 − 128`
/// represents the same real value), so every recorded zero point is in Smelt's int8 range.
/// Worked example: uint8 scale 0.02, zero point 130 → int8 zero point 2; q_u8 = 200 → q₈ = 72,
/// both meaning 0.02 × 70 = 1.4.
extension ONNXConversion {
    /// Constant → a constant value (attributes value, value_float(s), value_int(s)).
    mutating func convertConstant(_ n: ONNXNode) throws {
        let out = try output(n)
        if let t = n.attributes["value"]?.tensor {
            constants[out] = ONNXConstant(shape: try t.shape(), values: try t.values(baseDirectory: baseDirectory), dataType: t.dataTypeCode)
        } else if let a = n.attributes["value_float"], let f = a.float {
            constants[out] = ONNXConstant(shape: [], values: [Double(f)])
        } else if let a = n.attributes["value_floats"] {
            constants[out] = ONNXConstant(shape: [a.floats.count], values: a.floats.map(Double.init))
        } else if let a = n.attributes["value_int"], let i = a.int {
            constants[out] = ONNXConstant(shape: [], values: [Double(i)], dataType: 7)
        } else if let a = n.attributes["value_ints"] {
            constants[out] = ONNXConstant(shape: [a.ints.count], values: a.ints.map(Double.init), dataType: 7)
        } else {
            throw SmeltError("Constant needs a value, value_float(s) or value_int(s) attribute")
        }
    }

    /// Scale and zero point inputs (1, 2) as `QuantParams` in int8 terms, per tensor or along `axis`
    /// of a tensor of rank `rank`.
    private func quantParams(_ n: ONNXNode, rank: Int, dims: [Int]) throws -> QuantParams {
        if int(n, "block_size", 0) != 0 { throw SmeltError("blocked quantization (block_size) is not supported") }
        let scale = try constant(n, 1)
        let zp = try optionalConstant(n, 2)
        let shift: Double
        switch zp?.dataType ?? Int64(int(n, "output_dtype", 2)) {
        case 2: shift = -128           // UINT8
        case 3, 5, 6: shift = 0        // INT8, INT16, INT32 (bias)
        case let t: throw SmeltError("zero point type \(t) is not supported (uint8, int8, int16, int32)")
        }
        var zps: [Int32] = [Int32(shift)]
        if let zp {
            zps = try zp.values.map { v -> Int32 in
                guard v == v.rounded(), abs(v) <= Double(1 << 31) else { throw SmeltError("zero point \(v) is not an integer") }
                return Int32(clamping: Int64(v + shift))
            }
        }
        let scales = scale.values.map { Float($0) }
        guard scales.count == zps.count || zp == nil else { throw SmeltError("\(scales.count) scales but \(zps.count) zero points") }
        if scales.count == 1, scale.shape.count <= 1 {
            return QuantParams(scales: scales, zeroPoints: [zps[0]])
        }
        var axis = Int(int(n, "axis", 1))
        if axis < 0 { axis += rank }
        guard axis >= 0, axis < rank, axis < dims.count, dims[axis] == scales.count else {
            throw SmeltError("\(scales.count) scales do not match axis \(axis) of shape \(dims)")
        }
        return QuantParams(scales: scales, zeroPoints: zp == nil ? [Int32](repeating: zps[0], count: scales.count) : zps, axis: axis)
    }

    /// QuantizeLinear of a float value: remembered until its DequantizeLinear.
    mutating func convertQuantize(_ n: ONNXNode) throws {
        let x = try activation(n, 0)
        let q = try quantParams(n, rank: 1, dims: [])
        pendingQuantize[try output(n)] = (x, q)
    }

    /// DequantizeLinear: folds a quantized constant, or closes a QuantizeLinear pair.
    mutating func convertDequantize(_ n: ONNXNode) throws {
        let out = try output(n)
        let input = n.inputs.first ?? ""
        if let c = constants[input] {
            let q = try quantParams(n, rank: c.shape.count, dims: c.shape)
            var real = [Double](repeating: 0, count: c.count)
            let inner = q.axis.map { c.shape[($0 + 1)...].reduce(1, *) } ?? 1
            let channels = q.scales.count
            let shift: Double = c.dataType == 2 ? -128 : 0
            for (i, v) in c.values.enumerated() {
                let ch = q.axis == nil ? 0 : (i / inner) % channels
                real[i] = Double(Float(v + shift - Double(q.zeroPoint(channel: ch))) * q.scale(channel: ch))
            }
            constants[out] = ONNXConstant(shape: c.shape, values: real, quant: q)
            return
        }
        guard let (value, qq) = pendingQuantize[input] else {
            throw SmeltError("DequantizeLinear of \"\(input)\" is supported only for a constant or right after a QuantizeLinear")
        }
        let q = try quantParams(n, rank: 1, dims: [])
        guard q == qq else { throw SmeltError("QuantizeLinear/DequantizeLinear pair on \"\(input)\" has different parameters") }
        if var t = graph.tensor(value.tensor), t.quant == nil {
            t.quant = q
            graph.setTensor(t)
        }
        values[out] = value
    }
}
