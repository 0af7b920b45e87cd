/// A named tensor of the graph: an activation (no data) or a constant (weights, biases).
///
/// Shapes never include the batch dimension: an image is `[H, W, C]` (NHWC without N),
/// a feature vector is `[N]`. Weight layouts follow TFLite:
/// Dense `[out, in]`, Conv2D `[out, kH, kW, in]`, DepthwiseConv2D `[1, kH, kW, C]`, bias `[out]`.
/// A constant tensor may be read by several nodes: that is how kernels are shared.
public struct Tensor: Sendable, Equatable {
    /// Unique name; nodes refer to tensors by it.
    public var name: String
    /// Dimensions without the batch axis.
    public var shape: [Int]
    public var dtype: DType
    /// Constant contents, or `nil` for activations.
    public var data: TensorData?
    /// Quantization parameters, when the tensor is quantized.
    public var quant: QuantParams?

    public init(name: String, shape: [Int], dtype: DType = .float32, data: TensorData? = nil, quant: QuantParams? = nil) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.data = data
        self.quant = quant
    }

    /// A float32 constant.
    public static func constant(_ name: String, shape: [Int], values: [Float]) -> Tensor {
        Tensor(name: name, shape: shape, dtype: .float32, data: .float32(values))
    }

    /// Whether the tensor has constant contents.
    public var isConstant: Bool { data != nil }

    /// Product of the dimensions (1 for a scalar `[]`).
    public var elementCount: Int { shape.reduce(1, *) }

    /// Bytes the tensor occupies (`elementCount × dtype.byteWidth`).
    public var byteCount: Int { elementCount * dtype.byteWidth }
}
