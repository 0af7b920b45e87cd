import Foundation
import SmeltIR

/// `--compare`: several strategies on the same task, fleet and seed, at equal device compute
/// (the same total sample-passes), each with the same learning-rate sweep; the rate is chosen on
/// validation devices (held-out indices tasks..<2·tasks), the table reports the test devices
/// (0..<tasks), so no strategy is tuned on its test set.
public enum FederatedComparison {
    /// One strategy setting in the comparison.
    public struct Entry: Sendable, Equatable {
        public var strategy: Strategy
        public var devicesPerRound: Int
        public var epochs: Int
        public var batchSize: Int
        public var label: String {
            switch strategy {
            case .tinyReptile: return "TinyReptile"
            default: return "\(strategy.displayName) m=\(devicesPerRound) E=\(epochs) b=\(batchSize)"
            }
        }
    }

    /// One run of the sweep.
    public struct Row: Sendable {
        public var entry: Entry
        public var learningRate: Float
        public var rounds: Int
        public var validation: EvaluationResult
        public var test: EvaluationResult
        public var final: RoundRecord
        public var deviceRAMBytes: Int
        public var diverged: Bool
    }

    /// TinyReptile; Reptile m = 5; FedAvg m = 5 with E ∈ {1, 5} × batch ∈ {1, 10}.
    public static let standardEntries: [Entry] = [
        Entry(strategy: .tinyReptile, devicesPerRound: 1, epochs: 1, batchSize: 1),
        Entry(strategy: .reptile, devicesPerRound: 5, epochs: 1, batchSize: 1),
        Entry(strategy: .fedAvg, devicesPerRound: 5, epochs: 1, batchSize: 1),
        Entry(strategy: .fedAvg, devicesPerRound: 5, epochs: 1, batchSize: 10),
        Entry(strategy: .fedAvg, devicesPerRound: 5, epochs: 5, batchSize: 1),
        Entry(strategy: .fedAvg, devicesPerRound: 5, epochs: 5, batchSize: 10),
    ]

    /// The device budget: the config's rounds × devices per round × k × epochs.
    public static func budget(_ c: FederatedConfig) -> Int {
        c.rounds * c.devicesPerRound * c.samplesPerRound * c.localEpochs
    }

    /// The config of `entry` at `lr` with the same budget as `base`.
    public static func config(_ base: FederatedConfig, _ entry: Entry, lr: Float) -> FederatedConfig {
        var c = base
        c.strategy = entry.strategy
        c.devicesPerRound = min(entry.devicesPerRound, base.devices)
        c.localEpochs = entry.epochs
        c.batchSize = min(entry.batchSize, base.samplesPerRound)
        c.learningRate = lr
        c.rounds = max(1, budget(base) / (c.devicesPerRound * c.samplesPerRound * c.localEpochs))
        c.evaluation.every = 0
        if entry.strategy == .fedAvg { c.beta0 = 1; c.betaSchedule = .constant }
        return c
    }

    /// Runs every entry at every learning rate; returns all rows and the chosen row per entry.
    public static func run(_ base: FederatedConfig, entries: [Entry] = standardEntries, baseDirectory: String = ".",
                           progress: ((Row) -> Void)? = nil) throws -> (all: [Row], best: [Row]) {
        var all: [Row] = [], best: [Row] = []
        for entry in entries {
            var rows: [Row] = []
            for lr in base.compareLearningRates {
                let c = config(base, entry, lr: lr)
                if let problem = c.validationError() { throw SmeltError("--compare, \(entry.label): \(problem)") }
                let r = try FederatedRunner.simulate(c, base: baseDirectory)
                let v = try FederatedRunner.evaluate(c, parameters: r.parameters, firstTask: c.evaluation.tasks, base: baseDirectory)
                let row = Row(entry: entry, learningRate: lr, rounds: c.rounds, validation: v, test: r.final.evaluation,
                              final: r.final, deviceRAMBytes: r.deviceRAMBytes, diverged: r.diverged)
                rows.append(row)
                progress?(row)
            }
            all += rows
            // Fewest diverged validation tasks first, then the lowest mean loss after the last step.
            best.append(rows.min { a, b in
                (a.validation.diverged, a.validation.mean.last ?? .infinity) < (b.validation.diverged, b.validation.mean.last ?? .infinity)
            }!)
        }
        return (all, best)
    }
}
