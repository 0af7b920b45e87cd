/// Spatial padding of convolutions and pools, with TensorFlow's meaning.
///
/// `valid`: no padding, output = ⌊(in − k) / stride⌋ + 1.
/// `same`: output = ⌈in / stride⌉; the total padding `max((out − 1)·stride + k − in, 0)` is split
/// with the smaller half before (top/left) and the larger after. Example: in 5, k 3, stride 2 →
/// out 3, total pad 2, 1 before and 1 after; in 6, k 3, stride 2 → out 3, total pad 1, 0 before, 1 after.
public enum Padding: String, Sendable, Codable, CaseIterable {
    case same, valid
}

/// An activation fused into the layer that produces a tensor.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case none, relu, relu6
}

/// Attributes of Conv2D and DepthwiseConv2D.
public struct ConvAttributes: Sendable, Equatable {
    /// Vertical and horizontal stride.
    public var strideH: Int, strideW: Int
    public var padding: Padding
    public var activation: Activation

    public init(strideH: Int = 1, strideW: Int = 1, padding: Padding = .valid, activation: Activation = .none) {
        self.strideH = strideH
        self.strideW = strideW
        self.padding = padding
        self.activation = activation
    }

    /// Same stride in both directions.
    public init(stride: Int, padding: Padding = .valid, activation: Activation = .none) {
        self.init(strideH: stride, strideW: stride, padding: padding, activation: activation)
    }
}

/// Attributes of MaxPool2D and AveragePool2D.
public struct PoolAttributes: Sendable, Equatable {
    public var sizeH: Int, sizeW: Int
    public var strideH: Int, strideW: Int
    public var padding: Padding

    public init(sizeH: Int, sizeW: Int, strideH: Int, strideW: Int, padding: Padding = .valid) {
        self.sizeH = sizeH
        self.sizeW = sizeW
        self.strideH = strideH
        self.strideW = strideW
        self.padding = padding
    }

    /// Square window with stride equal to the window (the common 2×2/2 pool).
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid) {
        self.init(sizeH: size, sizeW: size, strideH: stride ?? size, strideW: stride ?? size, padding: padding)
    }
}

/// The operation a node performs. Inputs are positional:
///
/// | op | inputs |
/// |---|---|
/// | dense | x `[in]`, weight `[out, in]`, bias `[out]` (optional), scale `[out]` (optional) |
/// | conv2d | x `[H, W, Cin]`, weight `[Cout, kH, kW, Cin]`, bias `[Cout]` (optional), scale `[Cout]` (optional) |
/// | depthwiseConv2d | x `[H, W, C]`, weight `[1, kH, kW, C]`, bias `[C]` (optional), scale `[C]` (optional) |
/// | batchNorm | x, gamma `[C]`, beta `[C]`, mean `[C]`, variance `[C]` |
/// | add | a, b (same shape) |
/// | concatenate | two or more tensors equal in all but the last (channel) axis |
/// | others | x |
///
/// The optional **channel scale** (input 3, float32, only with a bias) makes a layer compute
/// `y[c] = act(scale[c] · (W∗x)[c] + bias[c])`: it is how a layer whose kernel is shared with
/// other layers keeps a private per-output-channel scale (a folded BatchNorm) without touching
/// the shared kernel (docs/kernel-sharing.md).
public enum Op: Sendable, Equatable {
    case dense(activation: Activation)
    case conv2d(ConvAttributes)
    case depthwiseConv2d(ConvAttributes)
    case maxPool2d(PoolAttributes)
    case averagePool2d(PoolAttributes)
    /// Mean over H and W: `[H, W, C]` → `[C]`.
    case globalAveragePool
    case relu
    case relu6
    case sigmoid
    case tanh
    /// Softmax over the last axis.
    case softmax
    /// Reshape to `shape` (no batch axis); one entry may be −1 (inferred).
    case reshape(shape: [Int])
    /// Flatten to one dimension.
    case flatten
    case add(activation: Activation)
    /// Concatenation along the last (channel) axis.
    case concatenate
    case batchNorm(epsilon: Float)
    /// Float → integer at the graph edge (output carries the quantization parameters).
    case quantize
    /// Integer → float at the graph edge.
    case dequantize

    /// The op's name as written in the model format ("Conv2D", "ReLU", ...).
    public var kind: OpKind {
        switch self {
        case .dense: return .dense
        case .conv2d: return .conv2d
        case .depthwiseConv2d: return .depthwiseConv2d
        case .maxPool2d: return .maxPool2d
        case .averagePool2d: return .averagePool2d
        case .globalAveragePool: return .globalAveragePool
        case .relu: return .relu
        case .relu6: return .relu6
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .softmax: return .softmax
        case .reshape: return .reshape
        case .flatten: return .flatten
        case .add: return .add
        case .concatenate: return .concatenate
        case .batchNorm: return .batchNorm
        case .quantize: return .quantize
        case .dequantize: return .dequantize
        }
    }

    /// The activation fused into this op, if it can carry one.
    public var fusedActivation: Activation? {
        switch self {
        case .dense(let a), .add(let a): return a
        case .conv2d(let c), .depthwiseConv2d(let c): return c.activation
        default: return nil
        }
    }

    /// Input positions that hold weights (constant tensors a layer owns or shares).
    public var weightInputPositions: [Int] {
        switch self {
        case .dense, .conv2d, .depthwiseConv2d: return [1, 2, 3]
        case .batchNorm: return [1, 2, 3, 4]
        default: return []
        }
    }
}

/// The spelling of each op in the model format.
public enum OpKind: String, Sendable, Codable, CaseIterable {
    case dense = "Dense"
    case conv2d = "Conv2D"
    case depthwiseConv2d = "DepthwiseConv2D"
    case maxPool2d = "MaxPool2D"
    case averagePool2d = "AveragePool2D"
    case globalAveragePool = "GlobalAveragePool"
    case relu = "ReLU"
    case relu6 = "ReLU6"
    case sigmoid = "Sigmoid"
    case tanh = "Tanh"
    case softmax = "Softmax"
    case reshape = "Reshape"
    case flatten = "Flatten"
    case add = "Add"
    case concatenate = "Concatenate"
    case batchNorm = "BatchNorm"
    case quantize = "Quantize"
    case dequantize = "Dequantize"
}
