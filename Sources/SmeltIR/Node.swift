/// Whose integer reference a quantized node reproduces, for the ops where references differ.
///
/// Smelt's own quantizer writes `.smelt` graphs (docs/contracts.md, "Quantized graph"). Graphs read
/// from `.tflite` files mark Softmax and GlobalAveragePool (TFLite's MEAN) `.tflm`, so the integer
/// interpreter and the C reproduce TFLite Micro's reference kernels byte for byte (the gemmlowp
/// fixed-point softmax; MEAN's truncating average or its rescaling multiplier). Other ops compute
/// the same under both. Float interpretation ignores it. In the model JSON it is the node key
/// `"semantics"`, written only when not `smelt`.
public enum IntegerSemantics: String, Sendable, Codable, CaseIterable {
    case smelt
    case tflm

    /// The ops whose integer result depends on the semantics.
    public static let variantOps: Set<OpKind> = [.softmax, .globalAveragePool]
}

/// One operation of the graph, reading tensors by name and writing one tensor.
public struct Node: Sendable, Equatable {
    /// Unique node name, used in every error message about it.
    public var name: String
    public var op: Op
    /// Input tensor names, positional (see `Op`).
    public var inputs: [String]
    /// The tensor this node writes.
    public var output: String
    /// Integer reference followed by Softmax / GlobalAveragePool (`.smelt` for every other op).
    public var semantics: IntegerSemantics

    public init(name: String, op: Op, inputs: [String], output: String, semantics: IntegerSemantics = .smelt) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.output = output
        self.semantics = semantics
    }
}
