import SmeltFederated
import SmeltIR

/// The learning side of a fleet run, taken from SmeltFederated: the MLP and its seeded
/// initialisation, the device's local step (`DeviceTrainer`), the server rule
/// (`FederatedServer`) and per-device sine streams (`DeviceData` from seed + device index).
/// Coordinator, device processes and `FleetSimulation` all go through this type, so a network
/// run and the in-process simulation compute the same float32 bits.
public struct FleetLearning: Sendable {
    public let config: FleetConfig
    public let mlp: MLP
    public let task = SineTask()

    public init(_ config: FleetConfig) throws {
        self.config = config
        mlp = try MLP(sizes: config.layers)
    }

    /// SmeltFederated's strategy for the config's name.
    public var strategy: Strategy { Strategy(rawValue: config.strategy) ?? .tinyReptile }

    /// φ₀: PyTorch-style init from `StreamSeed.make(seed, [initialisation])`, as FederatedSimulation.
    public var initialParameters: [Float] {
        mlp.initialParameters(seed: StreamSeed.make(config.seed, [StreamSeed.Tag.initialisation.rawValue]))
    }

    /// The server holding `parameters` with `round` rounds already applied (a resumed
    /// coordinator replays empty rounds, which only advance the β schedule).
    /// TinyReptile/Reptile: β_r = outerStep·(1 − r/R); FedAvg: β = 1, constant (the plain average).
    public func server(parameters: [Float], round: Int) -> FederatedServer {
        var s = strategy == .fedAvg
            ? FederatedServer(strategy: .fedAvg, initial: parameters, rounds: config.rounds, beta0: 1, schedule: .constant)
            : FederatedServer(strategy: strategy, initial: parameters, rounds: config.rounds, beta0: Double(config.outerStep))
        for _ in 0..<round { s.apply([]) }
        return s
    }

    /// The device step with the round message's hyperparameters.
    public func trainer(learningRate: Float, epochs: Int, batch: Int) -> DeviceTrainer {
        DeviceTrainer(mlp: mlp, loss: task.loss, learningRate: learningRate, epochs: epochs, batchSize: batch)
    }

    /// The data of the fleet's `index`-th device: fresh samples each round, or a pool of
    /// `samplesPerDevice` from which each round draws k distinct ones.
    public func deviceData(index: Int) -> DeviceData<SineTask> {
        DeviceData(task: task, seed: config.seed, device: DeviceID(index), dataSize: config.samplesPerDevice)
    }

    /// The update the server sees from a device that trained `trained` from φ.
    public func update(trained: [Float], from phi: [Float], samples: Int) -> DeviceUpdate {
        DeviceUpdate(trained: trained, initial: phi, sampleCount: samples, codec: .float32, mlp: mlp)
    }

    /// Mean squared error of `parameters` on a held-out device's 50-point query grid (no adaptation).
    public func heldOutMSE(_ parameters: [Float]) -> Float {
        let query = DeviceData(task: task, seed: config.seed, device: DeviceID(0, heldOut: true), dataSize: nil).query(count: 50)
        let ws = MLPWorkspace(mlp: mlp, loss: task.loss)
        return parameters.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: query).loss }
    }
}

/// Which devices a round asks.
///
/// Attempt 0 uses FederatedSimulation's rule: m distinct fleet indices from
/// `StreamSeed.generator(seed, .selection, r)` (partial Fisher–Yates when 2m > N, else draws
/// rejecting repeats) — a pure function of (seed, r), so a restarted coordinator and the
/// simulation ask the same devices. Devices of that choice known to be offline are replaced by
/// draws from the available ones (`generator(seed, .selection, r, 1)`). Retries (attempt a ≥ 1)
/// draw m devices from those still available with `generator(seed, .selection, r, a + 1)`.
public enum FleetSchedule {
    public static func participants(_ c: FleetConfig, round: Int, attempt: Int = 0, excluding: Set<String> = []) -> [String] {
        let m = c.devicesPerRound
        if attempt == 0 {
            let base = simulationChoice(c, round: round)
            guard base.contains(where: excluding.contains) else { return base }
            var pool = c.devices.filter { !excluding.contains($0) && !base.contains($0) }
            var rng = StreamSeed.generator(c.seed, .selection, round, 1)
            return base.compactMap { d in
                guard excluding.contains(d) else { return d }
                return pool.isEmpty ? nil : pool.remove(at: rng.index(pool.count))
            }
        }
        var pool = c.devices.filter { !excluding.contains($0) }
        var rng = StreamSeed.generator(c.seed, .selection, round, attempt + 1)
        var out: [String] = []
        while out.count < m, !pool.isEmpty { out.append(pool.remove(at: rng.index(pool.count))) }
        return out
    }

    /// FederatedSimulation's selection of round `round`, as device ids.
    static func simulationChoice(_ c: FleetConfig, round: Int) -> [String] {
        let n = c.devices.count, m = c.devicesPerRound
        var rng = StreamSeed.generator(c.seed, .selection, round)
        if m == n { return c.devices }
        if 2 * m > n {
            var all = Array(0..<n)
            for j in 0..<m { all.swapAt(j, j + rng.index(n - j)) }
            return all[0..<m].map { c.devices[$0] }
        }
        var chosen: [Int] = [], seen = Set<Int>()
        while chosen.count < m {
            let d = rng.index(n)
            if seen.insert(d).inserted { chosen.append(d) }
        }
        return chosen.map { c.devices[$0] }
    }
}
