import SmeltIR

/// One float32 Dense layer held in RAM by an `OnlineLearner`: `y = act(W·x + b)`, `W` `[outputs, inputs]`.
public struct DenseLayer: Sendable, Equatable {
    /// Row-major `[outputs, inputs]`.
    public var weight: [Float]
    /// One value per output.
    public var bias: [Float]
    /// Input features.
    public private(set) var inputs: Int
    /// Outputs (classes of a classifier head).
    public private(set) var outputs: Int
    /// Fused activation applied to `W·x + b`.
    public var activation: Activation

    /// A layer from its weights; `weight.count` must be `outputs · inputs` and `bias.count` `outputs`.
    public init(weight: [Float], bias: [Float], inputs: Int, activation: Activation = .none) throws {
        guard inputs > 0, !bias.isEmpty, weight.count == bias.count * inputs else {
            throw SmeltError("dense layer: weight has \(weight.count) values, expected \(bias.count) × \(inputs)")
        }
        self.weight = weight
        self.bias = bias
        self.inputs = inputs
        self.outputs = bias.count
        self.activation = activation
    }

    /// Forward in float32, in a fixed order (the order the generated C training step uses):
    /// `z[o] = b[o]`, then `z[o] += W[o, i]·x[i]` for i = 0, 1, …, then the activation.
    public func forward(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: outputs)
        for o in 0..<outputs {
            var acc = bias[o]
            let row = o * inputs
            for i in 0..<inputs { acc += weight[row + i] * x[i] }
            switch activation {
            case .none: y[o] = acc
            case .relu: y[o] = max(acc, 0)
            case .relu6: y[o] = min(max(acc, 0), 6)
            }
        }
        return y
    }

    /// Appends an output row (a new class): weights and bias start at `value` (0 by default).
    mutating func appendOutput(value: Float) {
        weight.append(contentsOf: [Float](repeating: value, count: inputs))
        bias.append(value)
        outputs += 1
    }
}
