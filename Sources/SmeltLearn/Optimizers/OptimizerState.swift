/// The per-parameter memory of an optimizer (velocity, Adam moments) and its step count.
/// `step` applies one update to every parameter; each parameter is updated exactly once per step,
/// however many nodes read it.
public struct OptimizerState: Sendable, Equatable {
    /// The settings this state belongs to.
    public let optimizer: Optimizer
    /// Updates applied so far.
    public private(set) var steps = 0
    var first: [[Double]]
    var second: [[Double]]

    /// Fresh state for parameters of the given element counts.
    public init(optimizer: Optimizer, parameterSizes: [Int]) {
        self.optimizer = optimizer
        let zeros = parameterSizes.map { [Double](repeating: 0, count: $0) }
        switch optimizer.method {
        case .sgd: (first, second) = ([], [])
        case .momentum: (first, second) = (zeros, [])
        case .adam: (first, second) = (zeros, zeros)
        }
    }

    /// Updates `parameters[k]` with the gradient `gradients[k]`, for every `k`.
    public mutating func step(_ parameters: inout [[Double]], gradients: [[Double]]) {
        steps += 1
        let lr = optimizer.learningRate
        for k in parameters.indices {
            switch optimizer.method {
            case .sgd: SGD.update(&parameters[k], gradients[k], learningRate: lr)
            case .momentum(let mu):
                Momentum.update(&parameters[k], gradients[k], velocity: &first[k], momentum: mu, learningRate: lr)
            case .adam(let b1, let b2, let eps):
                Adam.update(&parameters[k], gradients[k], m: &first[k], v: &second[k], step: steps,
                            beta1: b1, beta2: b2, epsilon: eps, learningRate: lr)
            }
        }
    }
}
