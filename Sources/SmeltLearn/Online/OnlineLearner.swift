import Foundation
import SmeltIR

/// On-device-style online learning as in TinyOL (Ren et al., IJCNN 2021; ACM TECS 2024): the last
/// Dense layer(s) of a model live in RAM and learn by SGD with batch size 1 from each incoming
/// sample, which is then discarded; the backbone before them is frozen and only supplies
/// features (computed by the float or the integer emulator — the learner takes them as input).
/// Output classes can be added while running.
///
/// Arithmetic is float32 in a fixed order, so a C implementation can follow it step by step:
/// 1. forward every layer (`DenseLayer.forward`), keeping each layer's input;
/// 2. `g = p − onehot(label)` with `p = softmax(z)` (`m = max z`, `e_i = LearnMath.exp(z_i − m)`, summed in
///    index order, `p_i = e_i / Σ`) for cross-entropy, or `g_i = 2·(y_i − t_i)/n` for MSE;
/// 3. from the last layer to the first: mask `g` by the layer's activation (from its output),
///    compute the gradient for the layer below with the *old* weights
///    (`g′[i] = Σ_o g[o]·W[o, i]`, o in order), then update `W[o, i] −= lr·(g[o]·x[i])` and
///    `b[o] −= lr·g[o]`.
///
/// ```swift
/// let (backbone, head) = try OnlineLearner.split(graph: model, headFrom: "fc")
/// var learner = try OnlineLearner(layers: head, learningRate: 0.05)
/// let features = try FloatInterpreter(graph: backbone!).run(x)
/// try learner.learn(features, label: 3)
/// learner.addClass()          // class 10 appears; its row starts at zero
/// ```
public struct OnlineLearner: Sendable {
    /// The trainable head, first layer first.
    public private(set) var layers: [DenseLayer]
    /// SGD step size.
    public var learningRate: Float
    /// Softmax cross-entropy (classification) or mean-squared error (regression).
    public let loss: Loss
    /// Samples learned from so far.
    public private(set) var steps = 0

    /// A learner over `layers` (each layer's inputs must equal the previous layer's outputs).
    public init(layers: [DenseLayer], loss: Loss = .softmaxCrossEntropy, learningRate: Float) throws {
        guard !layers.isEmpty else { throw SmeltError("online learner: needs at least one dense layer") }
        for k in 1..<layers.count where layers[k].inputs != layers[k - 1].outputs {
            throw SmeltError("online learner: layer \(k) takes \(layers[k].inputs) inputs, layer \(k - 1) gives \(layers[k - 1].outputs)")
        }
        guard learningRate > 0, learningRate.isFinite else {
            throw SmeltError("online learner: learning rate must be a positive number, got \(learningRate)")
        }
        self.layers = layers
        self.loss = loss
        self.learningRate = learningRate
    }

    /// Every parameter in the generated C's layout: layer 0 weights, layer 0 bias, layer 1 weights, ...
    public var parameters: [Float] { layers.flatMap { $0.weight + $0.bias } }

    /// Number of outputs (classes) of the last layer.
    public var classCount: Int { layers[layers.count - 1].outputs }

    /// Features the first layer expects.
    public var featureCount: Int { layers[0].inputs }

    /// The last layer's output (logits for a classifier).
    public func logits(_ features: [Float]) -> [Float] {
        layers.reduce(features) { $1.forward($0) }
    }

    /// The predicted class: index of the largest logit (the first one on ties).
    public func predict(_ features: [Float]) -> Int {
        let z = logits(features)
        var best = 0
        for i in z.indices where z[i] > z[best] { best = i }
        return best
    }

    /// One SGD step on a labelled sample; returns the loss *before* the update.
    @discardableResult
    public mutating func learn(_ features: [Float], label: Int) throws -> Float {
        guard (0..<classCount).contains(label) else {
            throw SmeltError("online learner: label \(label) is out of range 0...\(classCount - 1)")
        }
        return try step(features, target: .label(label))
    }

    /// One SGD step on a regression sample; returns the loss *before* the update.
    @discardableResult
    public mutating func learn(_ features: [Float], target: [Float]) throws -> Float {
        guard target.count == classCount else {
            throw SmeltError("online learner: \(target.count) target values, the layer has \(classCount) outputs")
        }
        return try step(features, target: .values(target))
    }

    /// Grows the output layer by one class. Its weight row and bias start at `initialValue` (0 by
    /// default), so the new class's logit is 0 for every input until it is trained: the other
    /// classes' logits are unchanged, and the new class wins only where they are all negative.
    public mutating func addClass(initialValue: Float = 0) {
        layers[layers.count - 1].appendOutput(value: initialValue)
    }

    private mutating func step(_ features: [Float], target: Target) throws -> Float {
        guard features.count == featureCount else {
            throw SmeltError("online learner: \(features.count) features, the first layer takes \(featureCount)")
        }
        if let i = features.firstIndex(where: { !$0.isFinite }) {
            throw SmeltError("online learner: feature \(i) is \(features[i])")
        }
        var acts = [features]
        for layer in layers { acts.append(layer.forward(acts[acts.count - 1])) }
        let (l, gradient) = Self.lossGradient(acts[acts.count - 1], target: target, loss: loss)
        var g = gradient
        for k in layers.indices.reversed() {
            let y = acts[k + 1], x = acts[k]
            switch layers[k].activation {
            case .none: break
            case .relu: for o in g.indices where !(y[o] > 0) { g[o] = 0 }
            case .relu6: for o in g.indices where !(y[o] > 0 && y[o] < 6) { g[o] = 0 }
            }
            let n = layers[k].inputs
            var below = [Float](repeating: 0, count: k > 0 ? n : 0)
            if k > 0 {
                for i in 0..<n {
                    var acc: Float = 0
                    for o in g.indices { acc += g[o] * layers[k].weight[o * n + i] }
                    below[i] = acc
                }
            }
            for o in g.indices {
                for i in 0..<n { layers[k].weight[o * n + i] -= learningRate * (g[o] * x[i]) }
                layers[k].bias[o] -= learningRate * g[o]
            }
            g = below
        }
        steps += 1
        return l
    }

    /// Loss and ∂L/∂output in float32 (see the type's summary for the order of operations).
    static func lossGradient(_ z: [Float], target: Target, loss: Loss) -> (Float, [Float]) {
        let t: [Float]
        switch target {
        case .label(let k): t = z.indices.map { $0 == k ? 1 : 0 }
        case .values(let v): t = v
        }
        switch loss {
        case .softmaxCrossEntropy:
            let m = z.max() ?? 0
            let e = z.map { LearnMath.exp($0 - m) }
            var sum: Float = 0
            for v in e { sum += v }
            let p = e.map { $0 / sum }
            var l: Float = 0
            for i in z.indices where t[i] != 0 { l -= t[i] * (z[i] - m - logf(sum)) }
            return (l, z.indices.map { p[$0] - t[$0] })
        case .meanSquaredError:
            let n = Float(z.count)
            var l: Float = 0
            for i in z.indices { l += (z[i] - t[i]) * (z[i] - t[i]) }
            return (l / n, z.indices.map { 2 * (z[$0] - t[$0]) / n })
        }
    }
}
