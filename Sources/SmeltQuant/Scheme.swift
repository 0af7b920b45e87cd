import SmeltIR

/// A quantization scheme (see docs/contracts.md, "Quantized graph").
public enum Scheme: String, Sendable, CaseIterable, Codable {
    /// TFLite int8: activations int8 asymmetric per tensor, weights int8 symmetric per channel, bias int32.
    case int8
    /// TFLite "16x8": activations int16 symmetric, weights int8 per channel, bias int64.
    case int16
    /// Power-of-two Qm.n: every scale `2^-n`, int8 symmetric, weights per tensor, shift-only requantization.
    case pow2

    /// The dtype of every activation tensor.
    public var activationType: DType { self == .int16 ? .int16 : .int8 }

    /// The dtype of bias constants.
    public var biasType: DType { self == .int16 ? .int64 : .int32 }

    /// The scheme an already-quantized activation tensor belongs to: int16 → `.int16`;
    /// int8 with `fractionalBits` → `.pow2`; other int8 → `.int8`. Throws for float or unquantized tensors.
    public static func of(_ tensor: Tensor) throws -> Scheme {
        guard let q = tensor.quant else { throw SmeltError("tensor \"\(tensor.name)\" has no quantization parameters") }
        switch tensor.dtype {
        case .int16: return .int16
        case .int8: return q.fractionalBits != nil ? .pow2 : .int8
        default: throw SmeltError("tensor \"\(tensor.name)\" is \(tensor.dtype.rawValue), expected an int8 or int16 activation")
        }
    }
}
