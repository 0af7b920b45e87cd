import SmeltIR

/// Conversions between real values and the integers at a quantized graph's input and output.
extension Graph {
    /// Quantizes real values for graph input `name` (the first input by default) with its
    /// parameters: `clamp(round(x / s) + zp)`, rounding half away from zero in float.
    /// Example: int8 input with `s = 1/255`, `zp = −128`: `[0, 0.5, 1] → [−128, 0, 127]`.
    public func quantizeInput(_ x: [Float], name: String? = nil) throws -> [Int32] {
        let t = try requireTensor(name ?? inputs[0])
        guard let q = t.quant, let range = t.dtype.integerRange else {
            throw SmeltError("graph input \"\(t.name)\" is not quantized")
        }
        guard x.count == t.elementCount else {
            throw SmeltError("graph input \"\(t.name)\" needs \(t.elementCount) values, got \(x.count)")
        }
        return x.map { Int32(ParameterChoice.quantize($0, scale: q.scales[0], zeroPoint: q.zeroPoints[0], range: range)) }
    }

    /// Dequantizes integers of graph output `name` (the first output by default): `s · (q − zp)`.
    /// Example: Softmax output `1/256, −128`: `[−128, 0, 127] → [0, 0.5, 0.99609375]`.
    public func dequantizeOutput(_ q: [Int32], name: String? = nil) throws -> [Float] {
        let t = try requireTensor(name ?? outputs[0])
        guard let p = t.quant else { throw SmeltError("graph output \"\(t.name)\" is not quantized") }
        return q.map { p.scales[0] * Float($0 - p.zeroPoints[0]) }
    }
}
