/// Figures of one pass over a data set.
public struct EpochStats: Sendable, Equatable {
    /// Mean per-sample loss (during training: measured on each sample before its update).
    public var loss: Double
    /// Fraction of samples whose argmax matches the label, in [0, 1]; `nil` when targets are values.
    public var accuracy: Double?
    /// Wall-clock seconds the pass took.
    public var seconds: Double

    /// Figures from their parts.
    public init(loss: Double, accuracy: Double?, seconds: Double) {
        self.loss = loss
        self.accuracy = accuracy
        self.seconds = seconds
    }
}
