/// Everything one federated run needs; read from JSON by `FederatedConfig.parse` (format in
/// docs/federated.md). Defaults follow the TinyReptile sine protocol.
public struct FederatedConfig: Sendable, Equatable {
    /// Which task family and its options.
    public enum TaskSpec: Sendable, Equatable {
        case sine(amplitude: ClosedRange<Double>, phase: ClosedRange<Double>, x: ClosedRange<Double>)
        case digits(train: String, test: String, ways: Int, distortion: Double)
        /// SmeltLearn's `PresenceGenerator` buildings (`BuildingPresenceTask`).
        case presence(days: Double, drift: Double)
        /// This module's own 6-feature generator (`PresenceTask`).
        case presenceSynthetic(drift: Double)
    }

    /// How held-out devices score an initialisation.
    public struct Evaluation: Sendable, Equatable {
        /// Evaluate every this many rounds (and after the last); 0 = only after the last.
        public var every = 1000
        /// Held-out devices (tasks).
        public var tasks = 200
        /// Support samples each adapts on.
        public var supportSize = 10
        /// Full-batch SGD steps on the support set.
        public var steps = 32
        /// Their learning rate.
        public var learningRate: Float = 0.02
        /// Query samples scored (sine: evenly spaced points).
        public var querySize = 50
        public init() {}
        /// The steps after which the loss is reported: 0, 1 and `steps`.
        public var reportSteps: [Int] { Array(Set([0, min(1, steps), steps])).sorted() }
    }

    public var task: TaskSpec = .sine(amplitude: 0.1...5, phase: 0...Double.pi, x: -5...5)
    /// Hidden layer widths (ReLU); inputs and outputs come from the task.
    public var hidden: [Int] = [40, 40]
    public var strategy: Strategy = .tinyReptile
    /// Rounds R.
    public var rounds = 30_000
    /// Fleet size (training devices).
    public var devices = 10_000
    /// Devices asked per round (m); TinyReptile uses 1.
    public var devicesPerRound = 1
    /// Samples per device per round (k).
    public var samplesPerRound = 10
    /// Local epochs E over the round's samples; TinyReptile uses 1.
    public var localEpochs = 1
    /// Samples per local SGD step; TinyReptile uses 1.
    public var batchSize = 1
    /// Inner (device) learning rate α.
    public var learningRate: Float = 0.01
    /// β₀ and its schedule (FedAvg: 1, constant).
    public var beta0 = 0.3
    public var betaSchedule: BetaSchedule = .linear
    /// Per-device data: `nil` = unlimited fresh samples, else each device holds a size drawn
    /// uniformly from this range (heterogeneous fleet).
    public var dataSize: ClosedRange<Int>?
    /// Probability that a selected device misses the round.
    public var dropout = 0.0
    public var updates: UpdateCodec = .float32
    public var arithmetic: LocalArithmetic = .float32
    public var evaluation = Evaluation()
    public var seed: UInt64 = 1
    /// Threads for device training and evaluation (0 = all cores); results do not depend on it.
    public var threads = 0
    /// Inner learning rates `--compare` sweeps for every strategy.
    public var compareLearningRates: [Float] = [0.003, 0.01, 0.03]
    /// Output files (relative to the config's folder); `nil` = not written.
    public var metricsCSV: String? = "federated-metrics.csv"
    public var curveSVG: String? = "federated-curves.svg"
    public var modelJSON: String? = "federated-init.json"

    public init() {}

    /// The defaults of `strategy` applied: TinyReptile forces m = 1, E = 1, batch 1;
    /// FedAvg uses β = 1 constant unless the config set β explicitly.
    public mutating func applyStrategyDefaults(betaGiven: Bool) {
        switch strategy {
        case .tinyReptile:
            devicesPerRound = 1; localEpochs = 1; batchSize = 1
        case .fedAvg where !betaGiven:
            beta0 = 1; betaSchedule = .constant
        default: break
        }
    }

    /// Problems that make the run meaningless, as one message (nil when valid).
    public func validationError() -> String? {
        if rounds < 1 { return "rounds must be at least 1, got \(rounds)" }
        if threads < 0 { return "threads must not be negative, got \(threads)" }
        if devices < 1 { return "devices must be at least 1, got \(devices)" }
        if devicesPerRound < 1 || devicesPerRound > devices {
            return "devicesPerRound must be between 1 and devices (\(devices)), got \(devicesPerRound)"
        }
        if samplesPerRound < 1 { return "k (samplesPerRound) must be at least 1, got \(samplesPerRound)" }
        if let d = dataSize {
            if d.lowerBound < 1 { return "dataSize must be positive, got \(d.lowerBound)...\(d.upperBound)" }
            if samplesPerRound > d.lowerBound {
                return "k (samplesPerRound) = \(samplesPerRound) is larger than a device's data (dataSize from \(d.lowerBound))"
            }
        }
        if localEpochs < 1 { return "localEpochs must be at least 1, got \(localEpochs)" }
        if batchSize < 1 { return "batchSize must be at least 1, got \(batchSize)" }
        if !(learningRate > 0) || !learningRate.isFinite { return "learningRate must be a positive number, got \(learningRate)" }
        if !(beta0 > 0) || !beta0.isFinite { return "beta must be a positive number, got \(beta0)" }
        if !(0..<1).contains(dropout) { return "dropout must be in [0, 1), got \(dropout)" }
        if hidden.contains(where: { $0 < 1 }) { return "hidden layer widths must be positive, got \(hidden)" }
        if evaluation.tasks < 1 { return "evaluation.tasks must be at least 1, got \(evaluation.tasks)" }
        if evaluation.supportSize < 1 || evaluation.querySize < 1 { return "evaluation support and query sizes must be at least 1" }
        if evaluation.steps < 0 || evaluation.every < 0 { return "evaluation steps and every must not be negative" }
        if case .fixedPoint(let f) = arithmetic, !(4...14).contains(f) { return "fractionalBits must be in 4...14, got \(f)" }
        if arithmetic == .generatedC, batchSize != 1 { return "arithmetic generated-c learns one sample at a time: batchSize must be 1, got \(batchSize)" }
        if case .digits(_, _, let ways, let distortion) = task {
            if !(2...10).contains(ways) { return "task.ways must be in 2...10, got \(ways)" }
            if distortion < 0 { return "task.distortion must not be negative" }
        }
        if compareLearningRates.isEmpty || compareLearningRates.contains(where: { !($0 > 0) }) {
            return "compare.learningRates must be positive numbers"
        }
        return nil
    }
}
