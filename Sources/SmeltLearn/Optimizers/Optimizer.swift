/// How a `Trainer` turns gradients into weight updates, and how many samples make one step.
///
/// The gradient of a step is the **mean** over the samples of its mini-batch (`batchSize` 1 is
/// plain per-sample SGD). For a parameter `w` with gradient `g` at step `t` (1-based):
/// - `sgd`: `w ← w − lr·g`
/// - `momentum` (heavy ball, as PyTorch): `v ← μ·v + g`, `w ← w − lr·v` (v starts at 0)
/// - `adam` (Kingma & Ba): `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
///   `w ← w − lr · (m / (1−β1^t)) / (√(v / (1−β2^t)) + ε)`
///
/// Worked Adam example (lr 0.1, defaults): w = 1, g = 2 at t = 1 → m = 0.2, v = 0.004,
/// m̂ = 2, v̂ = 4, w = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9.
public struct Optimizer: Sendable, Equatable {
    /// The update rule and its constants.
    public enum Method: Sendable, Equatable {
        case sgd
        case momentum(Double)
        case adam(beta1: Double, beta2: Double, epsilon: Double)
    }

    /// The update rule.
    public var method: Method
    /// Step size `lr`.
    public var learningRate: Double
    /// Samples per update (≥ 1); the last batch of an epoch may be smaller.
    public var batchSize: Int

    /// An optimizer from its parts (see the static constructors).
    public init(method: Method, learningRate: Double, batchSize: Int = 1) {
        self.method = method
        self.learningRate = learningRate
        self.batchSize = batchSize
    }

    /// Plain stochastic gradient descent.
    public static func sgd(learningRate: Double, batchSize: Int = 1) -> Optimizer {
        Optimizer(method: .sgd, learningRate: learningRate, batchSize: batchSize)
    }

    /// SGD with heavy-ball momentum `μ`.
    public static func momentum(learningRate: Double, momentum: Double = 0.9, batchSize: Int = 1) -> Optimizer {
        Optimizer(method: .momentum(momentum), learningRate: learningRate, batchSize: batchSize)
    }

    /// Adam with bias correction.
    public static func adam(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                            epsilon: Double = 1e-8, batchSize: Int = 32) -> Optimizer {
        Optimizer(method: .adam(beta1: beta1, beta2: beta2, epsilon: epsilon), learningRate: learningRate, batchSize: batchSize)
    }
}
