/// What a sample should produce: a class label (classification) or target values (regression).
public enum Target: Sendable, Equatable {
    /// Class index in `0 ..< classes`.
    case label(Int)
    /// One value per element of the graph output.
    case values([Float])
}

/// One training or test example: the graph input (flattened row-major) and its target.
public struct Sample: Sendable, Equatable {
    /// The graph input, flattened row-major.
    public var input: [Float]
    /// The expected label or values.
    public var target: Target

    /// A sample with any target.
    public init(input: [Float], target: Target) {
        self.input = input
        self.target = target
    }

    /// A classification sample.
    public init(input: [Float], label: Int) {
        self.init(input: input, target: .label(label))
    }

    /// A regression sample.
    public init(input: [Float], values: [Float]) {
        self.init(input: input, target: .values(values))
    }
}
