/// One method per op; each returns the output tensor's name. See `GraphBuilder` for naming,
/// sharing and initialisation.
extension GraphBuilder {
    /// Fully connected layer: weight `[units, in]`, bias `[units]`.
    public mutating func dense(_ x: String, units: Int, activation: Activation = .none, bias: Bool = true,
                               sharing: String? = nil, weightValues: [Float]? = nil, biasValues: [Float]? = nil,
                               name: String? = nil) -> String {
        let n = layerName(name, .dense)
        let fanIn = shape(of: x)?.last ?? 1
        var inputs = [x, parameter(node: n, sharing: sharing, role: "weight", shape: [units, fanIn], values: weightValues,
                                   initial: Self.uniform(fanIn: fanIn, fanOut: units, activation: activation))]
        if bias {
            inputs.append(parameter(node: n, sharing: sharing, role: "bias", shape: [units], values: biasValues, initial: Self.filled(0)))
        }
        return appendLayer(.dense(activation: activation), inputs: inputs, name: n)
    }

    /// 2-D convolution: weight `[filters, kH, kW, Cin]`, bias `[filters]`.
    public mutating func conv2d(_ x: String, filters: Int, kernel: (Int, Int), stride: Int = 1, padding: Padding = .valid,
                                activation: Activation = .none, bias: Bool = true, sharing: String? = nil,
                                weightValues: [Float]? = nil, biasValues: [Float]? = nil, name: String? = nil) -> String {
        let n = layerName(name, .conv2d)
        let cin = shape(of: x)?.last ?? 1
        let area = kernel.0 * kernel.1
        var inputs = [x, parameter(node: n, sharing: sharing, role: "weight", shape: [filters, kernel.0, kernel.1, cin],
                                   values: weightValues,
                                   initial: Self.uniform(fanIn: area * cin, fanOut: area * filters, activation: activation))]
        if bias {
            inputs.append(parameter(node: n, sharing: sharing, role: "bias", shape: [filters], values: biasValues, initial: Self.filled(0)))
        }
        let a = ConvAttributes(stride: stride, padding: padding, activation: activation)
        return appendLayer(.conv2d(a), inputs: inputs, name: n)
    }

    /// Depthwise convolution (multiplier 1): weight `[1, kH, kW, C]`, bias `[C]`.
    public mutating func depthwiseConv2d(_ x: String, kernel: (Int, Int), stride: Int = 1, padding: Padding = .valid,
                                         activation: Activation = .none, bias: Bool = true, sharing: String? = nil,
                                         weightValues: [Float]? = nil, biasValues: [Float]? = nil, name: String? = nil) -> String {
        let n = layerName(name, .depthwiseConv2d)
        let c = shape(of: x)?.last ?? 1
        let area = kernel.0 * kernel.1
        var inputs = [x, parameter(node: n, sharing: sharing, role: "weight", shape: [1, kernel.0, kernel.1, c],
                                   values: weightValues, initial: Self.uniform(fanIn: area, fanOut: area, activation: activation))]
        if bias {
            inputs.append(parameter(node: n, sharing: sharing, role: "bias", shape: [c], values: biasValues, initial: Self.filled(0)))
        }
        let a = ConvAttributes(stride: stride, padding: padding, activation: activation)
        return appendLayer(.depthwiseConv2d(a), inputs: inputs, name: n)
    }

    /// Batch normalisation over the last axis: gamma, beta, mean, variance `[C]`.
    public mutating func batchNorm(_ x: String, epsilon: Float = 0.001, sharing: String? = nil,
                                   gamma: [Float]? = nil, beta: [Float]? = nil, mean: [Float]? = nil, variance: [Float]? = nil,
                                   name: String? = nil) -> String {
        let n = layerName(name, .batchNorm)
        let c = shape(of: x)?.last ?? 1
        let inputs = [x,
                      parameter(node: n, sharing: sharing, role: "gamma", shape: [c], values: gamma, initial: Self.filled(1)),
                      parameter(node: n, sharing: sharing, role: "beta", shape: [c], values: beta, initial: Self.filled(0)),
                      parameter(node: n, sharing: sharing, role: "mean", shape: [c], values: mean, initial: Self.filled(0)),
                      parameter(node: n, sharing: sharing, role: "variance", shape: [c], values: variance, initial: Self.filled(1))]
        return appendLayer(.batchNorm(epsilon: epsilon), inputs: inputs, name: n)
    }

    /// Max pooling; `stride` defaults to `size`.
    public mutating func maxPool2d(_ x: String, size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) -> String {
        node(.maxPool2d(PoolAttributes(size: size, stride: stride, padding: padding)), inputs: [x], name: name)
    }

    /// Average pooling (padded positions excluded from the count); `stride` defaults to `size`.
    public mutating func averagePool2d(_ x: String, size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) -> String {
        node(.averagePool2d(PoolAttributes(size: size, stride: stride, padding: padding)), inputs: [x], name: name)
    }

    /// Mean over H and W: `[H, W, C]` → `[C]`.
    public mutating func globalAveragePool(_ x: String, name: String? = nil) -> String {
        node(.globalAveragePool, inputs: [x], name: name)
    }

    /// Standalone ReLU (prefer a layer's `activation:` to fuse it).
    public mutating func relu(_ x: String, name: String? = nil) -> String { node(.relu, inputs: [x], name: name) }

    /// Standalone ReLU6.
    public mutating func relu6(_ x: String, name: String? = nil) -> String { node(.relu6, inputs: [x], name: name) }

    /// Logistic sigmoid.
    public mutating func sigmoid(_ x: String, name: String? = nil) -> String { node(.sigmoid, inputs: [x], name: name) }

    /// Hyperbolic tangent.
    public mutating func tanh(_ x: String, name: String? = nil) -> String { node(.tanh, inputs: [x], name: name) }

    /// Softmax over the last axis.
    public mutating func softmax(_ x: String, name: String? = nil) -> String { node(.softmax, inputs: [x], name: name) }

    /// Reshape to `shape`; one entry may be −1.
    public mutating func reshape(_ x: String, to shape: [Int], name: String? = nil) -> String {
        node(.reshape(shape: shape), inputs: [x], name: name)
    }

    /// Flatten to one dimension.
    public mutating func flatten(_ x: String, name: String? = nil) -> String { node(.flatten, inputs: [x], name: name) }

    /// Element-wise sum of two tensors of the same shape.
    public mutating func add(_ a: String, _ b: String, activation: Activation = .none, name: String? = nil) -> String {
        node(.add(activation: activation), inputs: [a, b], name: name)
    }

    /// Concatenation along the channel (last) axis.
    public mutating func concatenate(_ xs: [String], name: String? = nil) -> String {
        node(.concatenate, inputs: xs, name: name)
    }

    /// Float → integer at the graph edge; the output tensor gets `dtype` and the given parameters.
    public mutating func quantize(_ x: String, scale: Float, zeroPoint: Int32 = 0, dtype: DType = .int8, name: String? = nil) -> String {
        let out = node(.quantize, inputs: [x], name: name)
        if var t = graph.tensor(out) {
            t.dtype = dtype
            t.quant = QuantParams(scale: scale, zeroPoint: zeroPoint)
            setTensor(t)
        }
        return out
    }

    /// Integer → float at the graph edge.
    public mutating func dequantize(_ x: String, name: String? = nil) -> String { node(.dequantize, inputs: [x], name: name) }
}
