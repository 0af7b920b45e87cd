import Foundation

/// A fleet run: strategy, schedule, model, task and fault tolerances (CONFIG.json of
/// `smelt coordinator`; documented in docs/fleet-protocol.md).
public struct FleetConfig: Codable, Sendable, Equatable {
    /// Fleet name, used in topics (`smelt/fleet/<fleet>/...`).
    public var fleet = "sine"
    /// `tinyreptile`, `reptile` or `fedavg`.
    public var strategy = "tinyreptile"
    public var seed: UInt64 = 1
    public var rounds = 50
    /// The fleet list: only these devices take part; anything else is ignored.
    public var devices: [String] = (0..<20).map { String(format: "d%02d", $0) }
    /// Devices asked per round (TinyReptile: 1; Reptile/FedAvg meta-batch m).
    public var devicesPerRound = 1
    /// Samples each device trains on per round (k), one pass, batch `batchSize`.
    public var samplesPerRound = 10
    public var localEpochs = 1
    public var batchSize = 1
    public var innerLearningRate: Float = 0.01
    /// Server step β₀, annealed linearly to 0 over `rounds` (Reptile family).
    public var outerStep: Float = 0.3
    public var layers = [1, 40, 40, 1]
    /// Samples each device holds (each round draws k distinct ones); `nil` = a fresh stream.
    public var samplesPerDevice: Int? = nil
    /// Seconds the coordinator waits for a round's answers.
    public var roundTimeout = 2.0
    /// Rounds with no answer are retried with replacement devices this many times.
    public var maxAttempts = 3

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case fleet, strategy, seed, rounds, devices, devicesPerRound, samplesPerRound, localEpochs, batchSize
        case innerLearningRate, outerStep, layers, samplesPerDevice, roundTimeout, maxAttempts
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FleetConfig()
        fleet = try c.decodeIfPresent(String.self, forKey: .fleet) ?? d.fleet
        strategy = try c.decodeIfPresent(String.self, forKey: .strategy) ?? d.strategy
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        rounds = try c.decodeIfPresent(Int.self, forKey: .rounds) ?? d.rounds
        devices = try c.decodeIfPresent([String].self, forKey: .devices) ?? d.devices
        devicesPerRound = try c.decodeIfPresent(Int.self, forKey: .devicesPerRound) ?? d.devicesPerRound
        samplesPerRound = try c.decodeIfPresent(Int.self, forKey: .samplesPerRound) ?? d.samplesPerRound
        localEpochs = try c.decodeIfPresent(Int.self, forKey: .localEpochs) ?? d.localEpochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        innerLearningRate = try c.decodeIfPresent(Float.self, forKey: .innerLearningRate) ?? d.innerLearningRate
        outerStep = try c.decodeIfPresent(Float.self, forKey: .outerStep) ?? d.outerStep
        layers = try c.decodeIfPresent([Int].self, forKey: .layers) ?? d.layers
        samplesPerDevice = try c.decodeIfPresent(Int.self, forKey: .samplesPerDevice)
        roundTimeout = try c.decodeIfPresent(Double.self, forKey: .roundTimeout) ?? d.roundTimeout
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? d.maxAttempts
    }

    /// Reads and validates `path`; errors name the file and the field.
    public static func load(_ path: String) throws -> FleetConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw FleetError("\(path): cannot read file") }
        let config: FleetConfig
        do { config = try JSONDecoder().decode(FleetConfig.self, from: data) } catch {
            throw FleetError("\(path): not a fleet config (\(FleetError.describe(error)))")
        }
        try config.validate(path)
        return config
    }

    /// Checks ranges; `path` prefixes the message.
    public func validate(_ path: String = "config") throws {
        func bad(_ s: String) -> FleetError { FleetError("\(path): \(s)") }
        guard ["tinyreptile", "reptile", "fedavg"].contains(strategy) else { throw bad("strategy must be tinyreptile, reptile or fedavg, got '\(strategy)'") }
        guard FleetMessage.isValidID(fleet) else { throw bad("fleet name '\(fleet)' must be 1-64 of A-Z a-z 0-9 _ -") }
        guard rounds >= 1 else { throw bad("rounds must be ≥ 1, got \(rounds)") }
        guard !devices.isEmpty, Set(devices).count == devices.count else { throw bad("devices must be a non-empty list without repeats") }
        for d in devices where !FleetMessage.isValidID(d) { throw bad("device id '\(d)' must be 1-64 of A-Z a-z 0-9 _ -") }
        guard (1...devices.count).contains(devicesPerRound) else { throw bad("devicesPerRound must be 1...\(devices.count), got \(devicesPerRound)") }
        guard samplesPerRound >= 1, samplesPerRound < 65536 else { throw bad("samplesPerRound must be ≥ 1, got \(samplesPerRound)") }
        if let n = samplesPerDevice, samplesPerRound > n { throw bad("samplesPerRound (\(samplesPerRound)) must not exceed samplesPerDevice (\(n))") }
        guard localEpochs >= 1, localEpochs < 65536, batchSize >= 1, batchSize < 65536 else { throw bad("localEpochs and batchSize must be ≥ 1") }
        guard innerLearningRate > 0, innerLearningRate.isFinite, outerStep > 0, outerStep <= 1 else { throw bad("innerLearningRate must be > 0 and outerStep in (0, 1]") }
        guard layers.count >= 2, layers.allSatisfy({ $0 >= 1 }), layers.first == 1, layers.last == 1 else { throw bad("layers must start and end with 1 (sine regression), got \(layers)") }
        guard roundTimeout > 0, maxAttempts >= 1 else { throw bad("roundTimeout must be > 0 and maxAttempts ≥ 1") }
    }

}

/// A fleet failure with one readable line.
public struct FleetError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let k, _): return "missing field '\(k.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "field '\(path)': \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
