import SmeltIR

/// One Dense layer of a `FixedPointLearner`, every value in Q7.24 (`LearnMath`).
public struct FixedDenseLayer: Sendable, Equatable {
    /// Row-major `[outputs, inputs]`.
    public var weight: [Int32]
    public var bias: [Int32]
    public let inputs: Int
    public let outputs: Int
    public let activation: Activation

    /// The Q7.24 layer nearest to a float layer (`LearnMath.fromFloat` of every value).
    public init(_ layer: DenseLayer) {
        weight = layer.weight.map { LearnMath.fromFloat(Double($0)) }
        bias = layer.bias.map { LearnMath.fromFloat(Double($0)) }
        inputs = layer.inputs
        outputs = layer.outputs
        activation = layer.activation
    }

    /// `y[o] = act(sat(b[o] + Σ_i mulWide(W[o, i], x[i])))`, i in order, 64-bit sum; ReLU6 clamps at 6·2^24.
    public func forward(_ x: [Int32]) -> [Int32] {
        (0..<outputs).map { o in
            var acc = Int64(bias[o])
            let row = o * inputs
            for i in 0..<inputs { acc += LearnMath.mulWide(weight[row + i], x[i]) }
            let v = LearnMath.sat(acc)
            switch activation {
            case .none: return v
            case .relu: return max(v, 0)
            case .relu6: return min(max(v, 0), 6 << 24)
            }
        }
    }
}

/// The fixed-point twin of `OnlineLearner`: the on-device training step for cores without an FPU,
/// bit for bit what the generated C (`smelt_learn_q.c`) computes.
///
/// One step on a sample (features `x` in Q7.24, see `QuantizedHead.fixedFeatures`):
/// 1. forward every layer (`FixedDenseLayer.forward`), keeping each layer's input and output;
///    the returned prediction is the argmax of the last output (first on ties), before the update;
/// 2. `g` = `LearnMath.softmaxGradient` (label) or `LearnMath.mseGradient` (target);
/// 3. from the last layer to the first: `g[o] = 0` where the activation is flat (ReLU: y ≤ 0;
///    ReLU6: y ≤ 0 or y ≥ 6); the gradient below, with the old weights,
///    `g′[i] = sat(Σ_o mulWide(g[o], W[o, i]))`; then `lg = mul(lr, g[o])`,
///    `W[o, i] = sub(W[o, i], mul(lg, x[i]))`, `b[o] = sub(b[o], lg)`.
public struct FixedPointLearner: Sendable {
    public private(set) var layers: [FixedDenseLayer]
    /// Learning rate in Q7.24.
    public var learningRate: Int32
    public let loss: Loss
    public private(set) var steps = 0

    /// A learner starting from the Q7.24 rounding of `layers`, with `learningRate` rounded to Q7.24.
    public init(layers: [DenseLayer], loss: Loss = .softmaxCrossEntropy, learningRate: Double) throws {
        _ = try OnlineLearner(layers: layers, loss: loss, learningRate: Float(learningRate))  // same checks
        self.layers = layers.map(FixedDenseLayer.init)
        self.loss = loss
        self.learningRate = LearnMath.fromFloat(learningRate)
        guard self.learningRate > 0 else { throw SmeltError("online learner: learning rate \(learningRate) rounds to 0 in Q7.24") }
    }

    /// The last layer's output.
    public func logits(_ x: [Int32]) -> [Int32] { layers.reduce(x) { $1.forward($0) } }

    /// Index of the largest output (first on ties).
    public func predict(_ x: [Int32]) -> Int { Self.argmax(logits(x)) }

    /// Every parameter in the C layout: layer 0 weights, layer 0 bias, layer 1 weights, ...
    public var parameters: [Int32] { layers.flatMap { $0.weight + $0.bias } }

    /// One step on a labelled sample; returns the class predicted before the update.
    @discardableResult
    public mutating func learn(_ x: [Int32], label: Int) throws -> Int {
        guard (0..<layers[layers.count - 1].outputs).contains(label) else {
            throw SmeltError("online learner: label \(label) is out of range 0...\(layers[layers.count - 1].outputs - 1)")
        }
        return try step(x) { LearnMath.softmaxGradient($0, label: label) }
    }

    /// One step on a regression sample (target in Q7.24); returns the argmax before the update.
    @discardableResult
    public mutating func learn(_ x: [Int32], target: [Int32]) throws -> Int {
        guard target.count == layers[layers.count - 1].outputs else {
            throw SmeltError("online learner: \(target.count) target values, the layer has \(layers[layers.count - 1].outputs) outputs")
        }
        return try step(x) { LearnMath.mseGradient($0, target: target) }
    }

    private mutating func step(_ x: [Int32], gradient: ([Int32]) -> [Int32]) throws -> Int {
        guard x.count == layers[0].inputs else {
            throw SmeltError("online learner: \(x.count) features, the first layer takes \(layers[0].inputs)")
        }
        var acts = [x]
        for l in layers { acts.append(l.forward(acts[acts.count - 1])) }
        let predicted = Self.argmax(acts[acts.count - 1])
        var g = gradient(acts[acts.count - 1])
        for k in layers.indices.reversed() {
            let y = acts[k + 1], input = acts[k]
            switch layers[k].activation {
            case .none: break
            case .relu: for o in g.indices where !(y[o] > 0) { g[o] = 0 }
            case .relu6: for o in g.indices where !(y[o] > 0 && y[o] < 6 << 24) { g[o] = 0 }
            }
            let n = layers[k].inputs
            var below = [Int32](repeating: 0, count: k > 0 ? n : 0)
            if k > 0 {
                for i in 0..<n {
                    var acc: Int64 = 0
                    for o in g.indices { acc += LearnMath.mulWide(g[o], layers[k].weight[o * n + i]) }
                    below[i] = LearnMath.sat(acc)
                }
            }
            for o in g.indices {
                let lg = LearnMath.mul(learningRate, g[o])
                for i in 0..<n {
                    layers[k].weight[o * n + i] = LearnMath.sub(layers[k].weight[o * n + i], LearnMath.mul(lg, input[i]))
                }
                layers[k].bias[o] = LearnMath.sub(layers[k].bias[o], lg)
            }
            g = below
        }
        steps += 1
        return predicted
    }

    static func argmax(_ v: [Int32]) -> Int {
        var best = 0
        for i in v.indices where v[i] > v[best] { best = i }
        return best
    }
}
