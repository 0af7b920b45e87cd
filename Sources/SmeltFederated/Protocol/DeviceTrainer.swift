/// The arithmetic a device trains with.
public enum LocalArithmetic: Sendable, Equatable {
    /// float32 (`MLPWorkspace`), as on a Cortex-M4F.
    case float32
    /// Q-format integers with `fractionalBits` (`FixedPointSGD`), as on a core without FPU.
    case fixedPoint(fractionalBits: Int)
    /// The Q7.24 online step of the generated C (SmeltLearn's `FixedPointLearner`); batch 1.
    case generatedC
}

/// What a device did in one round.
public struct LocalResult: Sendable {
    /// The trained parameters θ.
    public var weights: [Float]
    /// Samples processed (epochs × samples): one SGD step on one sample = one sample-pass.
    public var samplePasses: Int
    /// Whether θ holds NaN or Inf (the update will be refused and counted).
    public var diverged: Bool
}

/// A device's local training step, shared by every strategy and by network coordinators.
///
/// `localTrain(initial:samples:)` copies `initial`, then runs `epochs` passes over `samples` in
/// their order, one SGD step per `batchSize` samples (the last batch may be smaller).
/// TinyReptile is `epochs = 1, batchSize = 1`: online learning, each sample used once.
public struct DeviceTrainer: Sendable {
    public let mlp: MLP
    public let loss: FederatedLoss
    /// Inner learning rate α.
    public var learningRate: Float
    /// Passes over the round's samples (E).
    public var epochs: Int
    /// Samples per SGD step.
    public var batchSize: Int
    public var arithmetic: LocalArithmetic

    public init(mlp: MLP, loss: FederatedLoss, learningRate: Float, epochs: Int = 1, batchSize: Int = 1,
                arithmetic: LocalArithmetic = .float32) {
        self.mlp = mlp
        self.loss = loss
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.arithmetic = arithmetic
    }

    /// Trains a copy of `initial` on `samples`. Pass a `workspace` (one per thread) to avoid
    /// allocating scratch buffers on every call.
    public func localTrain(initial: [Float], samples: SampleSet, workspace: MLPWorkspace? = nil) -> LocalResult {
        var theta: [Float]
        switch arithmetic {
        case .float32:
            theta = initial
            let ws = workspace ?? MLPWorkspace(mlp: mlp, loss: loss)
            theta.withUnsafeMutableBufferPointer { p in
                train(p.baseAddress!, samples: samples, workspace: ws)
            }
        case .fixedPoint(let bits):
            theta = FixedPointSGD(mlp: mlp, loss: loss, fractionalBits: bits)
                .train(initial: initial, samples: samples, lr: learningRate, epochs: epochs, batchSize: batchSize)
        case .generatedC:
            theta = GeneratedCStep.train(mlp: mlp, loss: loss, initial: initial, samples: samples, lr: learningRate, epochs: epochs)
        }
        return LocalResult(weights: theta, samplePasses: epochs * samples.count, diverged: !theta.allSatisfy { $0.isFinite })
    }

    /// Float training in place on `params` (the fast path the simulator uses).
    public func train(_ params: UnsafeMutablePointer<Float>, samples: SampleSet, workspace ws: MLPWorkspace) {
        let n = samples.count
        for _ in 0..<epochs {
            if batchSize == 1 {
                samples.inputs.withUnsafeBufferPointer { xb in
                    samples.targets.withUnsafeBufferPointer { tb in
                        for s in 0..<n {
                            ws.sgdStep(params, x: xb.baseAddress! + s * samples.inputWidth,
                                       t: tb.baseAddress! + s * samples.targetWidth, lr: learningRate)
                        }
                    }
                }
            } else {
                var start = 0
                while start < n {
                    let end = min(start + batchSize, n)
                    ws.sgdStep(params, data: samples, range: start..<end, lr: learningRate)
                    start = end
                }
            }
        }
    }

    /// Bytes of RAM local training needs on the device: parameters (4 bytes each in float32,
    /// 2 in Q-format), one activation vector per layer (4 bytes each, times the batch size),
    /// two gradient vectors of the widest layer; for batch > 1 a gradient sum per parameter
    /// (4 bytes; 8 in Q-format); and, when the device must keep its samples (epochs > 1 or
    /// batch > 1), a buffer of `samplesPerRound` samples. Online learning (TinyReptile) keeps no
    /// sample. 1-40-40-1, float, batch 1: 4·1761 + 4·81 + 2·4·40 = 7,688 bytes. (An estimate from
    /// the buffers the step needs, not a measurement of the generated C.)
    public func ramBytes(samplesPerRound k: Int, sampleBytes: Int) -> Int {
        let fixed = { if case .fixedPoint = arithmetic { return true } else { return false } }()
        var bytes = mlp.parameterCount * (fixed ? 2 : 4)   // Q7.24 (generatedC) is 4 bytes too
        bytes += 4 * mlp.activationCount * batchSize
        bytes += 2 * 4 * (mlp.sizes.max() ?? 0)
        if batchSize > 1 { bytes += mlp.parameterCount * (fixed ? 8 : 4) }
        if epochs > 1 || batchSize > 1 { bytes += k * sampleBytes }
        return bytes
    }
}
