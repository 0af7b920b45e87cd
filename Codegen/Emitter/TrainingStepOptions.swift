/// Arithmetic of the generated on-device training step (`EmitOptions.learnArithmetic`).
public enum LearnArithmetic: String, Sendable, Equatable, CaseIterable {
    /// float32, for cores with an FPU (Cortex-M4F, M7): `smelt_learn_f32.c`, SmeltLearn `OnlineLearner`.
    case float32
    /// int32 Q7.24, saturating, for cores without one (Cortex-M0, M3): `smelt_learn_q.c`,
    /// SmeltLearn `FixedPointLearner`.
    case fixedPoint = "fixed"
}

/// What the generated training step needs, for reports (`GeneratedC.learnStep`).
public struct TrainingStepInfo: Sendable, Equatable {
    /// Trainable Dense nodes, first first.
    public var layers: [String]
    public var arithmetic: LearnArithmetic
    /// Inputs of the first trainable layer (the backbone's output elements).
    public var features: Int
    /// Outputs of the last trainable layer.
    public var outputs: Int
    /// Trainable values (weights and biases).
    public var parameters: Int
    /// `NAME_LEARN_RAM_BYTES`: the static RAM of the step, exactly `sizeof` its state in C.
    public var ramBytes: Int
    /// The parts of `ramBytes`: parameters, activations (features and every layer's output),
    /// the two gradient buffers, the backbone's integer output plus the initialised flag.
    public var parameterBytes: Int
    public var activationBytes: Int
    public var gradientBytes: Int
    public var otherBytes: Int
    /// Bytes of the initial parameters kept in flash (for `NAME_learn_reset`).
    public var initialBytes: Int

    /// `training step (float32, layers fc): 11372 bytes of RAM = parameters 10280 + ...`.
    public var summary: String {
        "training step (\(arithmetic.rawValue), layers \(layers.joined(separator: ", ")), \(features) → \(outputs)): "
            + "\(ramBytes) bytes of RAM = parameters \(parameterBytes) + activations \(activationBytes) + gradients \(gradientBytes) + features/flag \(otherBytes); "
            + "\(initialBytes) bytes of flash for the initial parameters"
    }
}
