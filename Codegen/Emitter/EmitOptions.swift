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
    /// Shape-specialized code: each layer gets its own `static` copy of its kernel with every
    /// params-struct field replaced by the layer's constant (loop bounds, offsets, the names of
    /// its multiplier and shift arrays), instead of calling the shared kernel with a params
    /// struct. Faster loops, but code grows with every layer; weights stay shared arrays.
    /// Layers whose kernel passes its params pointer on (none today) keep the shared call.
    public var specialize: Bool = false

    public init(singleHeader: Bool = false, specialize: Bool = false) {
        self.singleHeader = singleHeader
        self.specialize = specialize
    }
}
