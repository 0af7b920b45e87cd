import SmeltIR

extension ONNXConversion {
    /// Flatten (axis 0 or 1; with batch 1 both give `[1, F]`) → Flatten.
    ///
    /// Smelt flattens `[H, W, C]` in HWC order, ONNX flattens `[C, H, W]` in CHW order; the
    /// result remembers the permutation (`flattenOrder`) and the Dense that reads it permutes its
    /// weight columns to match, so no data moves at run time.
    mutating func convertFlatten(_ n: ONNXNode) throws {
        let x = try activation(n, 0)
        var axis = Int(int(n, "axis", 1))
        if axis < 0 { axis += x.layout == .vector ? 2 : 4 }
        guard axis == 0 || axis == 1 else {
            throw SmeltError("Flatten axis \(axis) is not supported (only 0 or 1: everything after the batch axis)")
        }
        try emitFlatten(n, x, output: try output(n))
    }

    private mutating func emitFlatten(_ n: ONNXNode, _ x: ONNXValue, output out: String) throws {
        let s = try shape(x)
        try addNode(.flatten, inputs: [x.tensor], output: out)
        let order = x.layout == .image ? Self.flattenOrder(h: s[0], w: s[1], c: s[2]) : x.order
        values[out] = ONNXValue(tensor: out, layout: .vector, order: order)
    }

    /// Reshape with a constant shape. Supported: `[N, C, H, W]`/`[N, F]` → `[N, F']` (a Flatten),
    /// `[N, F]` → `[N, C, H, W]` when C = 1 or H·W = 1 (both orders agree), and no-op reshapes.
    mutating func convertReshape(_ n: ONNXNode) throws {
        let x = try activation(n, 0)
        let spec = try constant(n, 1)
        let s = try shape(x)
        let onnxShape: [Int]
        switch x.layout {
        case .image: onnxShape = [1, s[2], s[0], s[1]]
        case .vector: onnxShape = [1, s[0]]
        case .pooled: onnxShape = [1, s[0], 1, 1]
        }
        let total = try Self.product(s)
        let allowZero = int(n, "allowzero", 0) != 0
        var target = try spec.values.enumerated().map { i, d -> Int in
            guard d >= -1, d <= Double(Int32.max), d == d.rounded() else { throw SmeltError("shape entry \(d) is invalid") }
            if d == 0, !allowZero {
                guard i < onnxShape.count else { throw SmeltError("shape entry 0 at index \(i) copies a dimension the input lacks") }
                return onnxShape[i]
            }
            return Int(d)
        }
        if let unknown = target.firstIndex(of: -1) {
            guard target.filter({ $0 == -1 }).count == 1 else { throw SmeltError("shape \(target) has more than one -1") }
            let known = try Self.product(target.filter { $0 != -1 })
            guard known > 0, total % known == 0 else { throw SmeltError("cannot reshape \(onnxShape) to \(target)") }
            target[unknown] = total / known
        }
        guard try Self.product(target) == total, target.first == 1 else {
            throw SmeltError("cannot reshape \(onnxShape) to \(target) (the batch axis must stay 1)")
        }
        let out = try output(n)
        switch target.count {
        case 2:
            try emitFlatten(n, x, output: out)
        case 4 where target == onnxShape:
            values[out] = x
        case 4:
            let (c, h, w) = (target[1], target[2], target[3])
            guard c == 1 || h * w == 1 else {
                throw SmeltError("reshape of \(onnxShape) to \(target) would need an NCHW → NHWC transpose (supported only when C = 1 or H·W = 1)")
            }
            let v = try natural(x)
            try addNode(.reshape(shape: [h, w, c]), inputs: [v.tensor], output: out)
            values[out] = ONNXValue(tensor: out, layout: .image)
        default:
            throw SmeltError("reshape to rank-\(target.count) shape \(target) is not supported (only [N, F] and [N, C, H, W])")
        }
    }
}
