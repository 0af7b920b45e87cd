/// The loss a `Trainer` minimises, per sample (an epoch reports the mean over its samples).
///
/// - `softmaxCrossEntropy`: `L = −Σ t_i · log softmax(z)_i` over the logits `z`, with `t` the
///   one-hot label (or the given target distribution). If the graph ends in a Softmax node the
///   trainer uses that node's *input* as `z` (the numerically stable form, `∂L/∂z = p − t`); the
///   Softmax node itself is kept in the model. If the graph does not end in Softmax, its output is
///   taken to be the logits.
/// - `meanSquaredError`: `L = (1/n) Σ (y_i − t_i)²` over the `n` output values; a label target
///   means the one-hot vector.
public enum Loss: String, Sendable, Equatable, CaseIterable {
    case softmaxCrossEntropy
    case meanSquaredError

    /// The loss of one output and `∂L/∂output`.
    public func evaluate(_ output: [Double], target: Target) -> (loss: Double, gradient: [Double]) {
        switch self {
        case .softmaxCrossEntropy: return SoftmaxCrossEntropy.evaluate(logits: output, target: target)
        case .meanSquaredError: return MeanSquaredError.evaluate(output, target: target)
        }
    }

    /// The dense target vector of `target` for an output of `count` values.
    static func dense(_ target: Target, count: Int) -> [Double] {
        switch target {
        case .label(let k): return (0..<count).map { $0 == k ? 1 : 0 }
        case .values(let v): return v.map(Double.init)
        }
    }
}
