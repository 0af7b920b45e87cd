import SmeltIR

/// A multilayer perceptron of Dense layers, ReLU after every hidden layer, linear output:
/// the model every federated strategy trains (sine 1-40-40-1, digits 64-h-N, presence 6-h-2).
///
/// Parameters live in one contiguous `[Float]` of `parameterCount` values, layer by layer,
/// each layer its weight `[out, in]` (row-major, as in Smelt's Dense) then its bias `[out]`.
/// For 1-40-40-1: 1·40+40 + 40·40+40 + 40·1+1 = 1,761 parameters.
public struct MLP: Sendable, Equatable {
    /// Widths from input to output, e.g. `[1, 40, 40, 1]`.
    public let sizes: [Int]
    /// Offset of each layer's weight in the parameter vector.
    public let weightOffsets: [Int]
    /// Offset of each layer's bias in the parameter vector.
    public let biasOffsets: [Int]
    /// Total number of parameters.
    public let parameterCount: Int

    /// A network with `sizes` (at least input and output, every width ≥ 1).
    public init(sizes: [Int]) throws {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 }) else {
            throw SmeltError("model: layer sizes must be at least two positive widths, got \(sizes)")
        }
        self.sizes = sizes
        var w: [Int] = [], b: [Int] = [], offset = 0
        for l in 0..<(sizes.count - 1) {
            w.append(offset); offset += sizes[l] * sizes[l + 1]
            b.append(offset); offset += sizes[l + 1]
        }
        weightOffsets = w
        biasOffsets = b
        parameterCount = offset
    }

    /// Number of Dense layers.
    public var layerCount: Int { sizes.count - 1 }
    /// Input width.
    public var inputCount: Int { sizes[0] }
    /// Output width.
    public var outputCount: Int { sizes[sizes.count - 1] }

    /// PyTorch's default `nn.Linear` initialisation: weight and bias uniform in ±1/√fan_in, drawn
    /// layer by layer (weights row by row, then biases) from `SplitMix64(seed)` (`nextFloat`).
    public func initialParameters(seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var p = [Float](repeating: 0, count: parameterCount)
        for l in 0..<layerCount {
            let limit = 1 / Float(sizes[l]).squareRoot()
            for i in 0..<(sizes[l] * sizes[l + 1]) { p[weightOffsets[l] + i] = rng.nextFloat(limit: limit) }
            for i in 0..<sizes[l + 1] { p[biasOffsets[l] + i] = rng.nextFloat(limit: limit) }
        }
        return p
    }

    /// Multiply-accumulates of one forward pass: Σ in·out.
    public var forwardMACs: Int { (0..<layerCount).reduce(0) { $0 + sizes[$1] * sizes[$1 + 1] } }

    /// Multiply-accumulates of one training step on one sample: forward, weight gradient
    /// (in·out per layer) and the gradient passed down (in·out for every layer but the first).
    /// 1-40-40-1: 1,680 + 1,680 + 1,640 = 5,000.
    public var trainingMACsPerSample: Int {
        forwardMACs * 2 + (1..<layerCount).reduce(0) { $0 + sizes[$1] * sizes[$1 + 1] }
    }

    /// Activation floats kept for one sample: every layer's output (the input is streamed).
    public var activationCount: Int { sizes.dropFirst().reduce(0, +) }
}
