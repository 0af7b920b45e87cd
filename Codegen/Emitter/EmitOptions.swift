/// Options of `CEmitter.emit`.
public struct EmitOptions: Sendable, Equatable {
    /// Also produce one stb-style header holding the implementation behind
    /// `#ifdef SMELT_<NAME>_IMPLEMENTATION` (`GeneratedC.singleHeader`).
    public var singleHeader: Bool
    /// Dense nodes (the last ones, up to the output) that learn on the device: when not empty the
    /// C is the frozen backbone plus `NAME_learn(...)` (see docs/contracts.md, "On-device learning").
    public var trainable: [String] = []
    /// Arithmetic of the training step.
    public var learnArithmetic: LearnArithmetic = .float32
    /// Initial value of `NAME_learn_rate`.
    public var learningRate: Double = 0.01

    public init(singleHeader: Bool = false) {
        self.singleHeader = singleHeader
    }
}
