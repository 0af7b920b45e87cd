/// The loss a task trains with.
public enum FederatedLoss: String, Sendable, Equatable {
    /// Mean of (ŷ − y)² over outputs and samples; gradient 2(ŷ − y)/(B·outputs).
    case meanSquaredError = "mse"
    /// Softmax cross-entropy against a class index; gradient (softmax(z) − onehot)/B.
    case softmaxCrossEntropy = "cross-entropy"
}

/// Samples stored contiguously: `count` rows of `inputWidth` inputs and `targetWidth` targets
/// (regression values, or one class index stored as a float for classification).
public struct SampleSet: Sendable, Equatable {
    /// Features, row-major, `count × inputWidth`.
    public var inputs: [Float]
    /// Targets, row-major, `count × targetWidth`.
    public var targets: [Float]
    /// Features per sample.
    public let inputWidth: Int
    /// Targets per sample (1 for a class index).
    public let targetWidth: Int

    /// An empty set with the given widths.
    public init(inputWidth: Int, targetWidth: Int) {
        self.inputs = []
        self.targets = []
        self.inputWidth = inputWidth
        self.targetWidth = targetWidth
    }

    /// A set from flat arrays (their sizes must be multiples of the widths).
    public init(inputs: [Float], targets: [Float], inputWidth: Int, targetWidth: Int) {
        precondition(inputs.count % inputWidth == 0 && targets.count / targetWidth == inputs.count / inputWidth)
        self.inputs = inputs
        self.targets = targets
        self.inputWidth = inputWidth
        self.targetWidth = targetWidth
    }

    /// Number of samples.
    public var count: Int { inputs.count / inputWidth }

    /// Appends one sample.
    public mutating func append(input: [Float], target: [Float]) {
        inputs += input
        targets += target
    }

    /// Appends sample `i` of `other`.
    public mutating func append(_ other: SampleSet, at i: Int) {
        inputs += other.inputs[(i * inputWidth)..<((i + 1) * inputWidth)]
        targets += other.targets[(i * targetWidth)..<((i + 1) * targetWidth)]
    }

    /// Samples `range` as a new set.
    public func slice(_ range: Range<Int>) -> SampleSet {
        SampleSet(inputs: Array(inputs[(range.lowerBound * inputWidth)..<(range.upperBound * inputWidth)]),
                  targets: Array(targets[(range.lowerBound * targetWidth)..<(range.upperBound * targetWidth)]),
                  inputWidth: inputWidth, targetWidth: targetWidth)
    }
}
