import Dispatch
import Foundation
import SmeltIR

/// Cumulative costs and the evaluation after some rounds.
public struct RoundRecord: Sendable, Equatable {
    /// Rounds completed.
    public var round: Int
    /// Device sample-passes so far (one SGD step on one sample = one sample-pass).
    public var samplePasses: Int
    /// Bytes sent server → devices (float32 φ) and devices → server (encoded updates).
    public var bytesDown: Int
    public var bytesUp: Int
    /// Device multiply-accumulates for local training so far.
    public var deviceMACs: Int
    /// Device participations so far, and those lost to dropout.
    public var participations: Int
    public var missed: Int
    /// Updates refused by the server (NaN/Inf).
    public var rejectedUpdates: Int
    public var evaluation: EvaluationResult
}

/// The outcome of a run.
public struct SimulationResult: Sendable {
    public var records: [RoundRecord]
    /// The learned initialisation φ.
    public var parameters: [Float]
    public var mlp: MLP
    /// Device RAM for local training, bytes.
    public var deviceRAMBytes: Int
    /// Whether φ itself became NaN/Inf (the run stopped there).
    public var diverged: Bool
    /// Wall-clock seconds of the rounds, evaluations excluded (never written to the CSV).
    public var trainingSeconds: Double
    /// CPU seconds (user + system, all threads) of the rounds, evaluations excluded.
    public var trainingCPUSeconds: Double
    public var final: RoundRecord { records[records.count - 1] }
}

/// A fleet of simulated devices running one strategy on one task, seeded and deterministic.
///
/// Round r: the server picks m distinct devices (`StreamSeed.generator(seed, .selection, r)`;
/// a partial Fisher–Yates shuffle when m > N/2, else draws with rejection of repeats); each
/// misses the round with probability `dropout` (`generator(seed, .dropout, device, r)`); the
/// others train on their round samples (`DeviceData.roundSamples`) in parallel, in fixed chunks
/// of 8 devices whose weighted deltas are summed in device order, chunk sums then added in chunk
/// order, so φ is identical for any number of threads.
public struct FederatedSimulation<Task: FederatedTask>: Sendable {
    public let config: FederatedConfig
    public let task: Task
    public let mlp: MLP
    static var chunk: Int { 8 }

    public init(config: FederatedConfig, task: Task) throws {
        self.config = config
        self.task = task
        self.mlp = try MLP(sizes: [task.inputWidth] + config.hidden + [task.outputCount])
    }

    /// The device trainer of this run.
    public var trainer: DeviceTrainer {
        DeviceTrainer(mlp: mlp, loss: task.loss, learningRate: config.learningRate, epochs: config.localEpochs,
                      batchSize: config.batchSize, arithmetic: config.arithmetic)
    }

    /// Samples device `index` holds (`nil` = unlimited), uniform in `config.dataSize`.
    public func dataSize(of index: Int) -> Int? {
        guard let r = config.dataSize else { return nil }
        var rng = StreamSeed.generator(config.seed, .dataSize, index)
        return r.lowerBound + rng.index(r.count)
    }

    /// The devices asked in round `round`, in the order their updates are combined.
    public func selectedDevices(round: Int) -> [Int] {
        let n = config.devices, m = config.devicesPerRound
        var rng = StreamSeed.generator(config.seed, .selection, round)
        if m == n { return Array(0..<n) }
        if 2 * m > n {
            var all = Array(0..<n)
            for j in 0..<m { all.swapAt(j, j + rng.index(n - j)) }
            return Array(all[0..<m])
        }
        var chosen: [Int] = [], seen = Set<Int>()
        while chosen.count < m {
            let d = rng.index(n)
            if seen.insert(d).inserted { chosen.append(d) }
        }
        return chosen
    }

    /// Whether device `index` misses round `round`.
    public func misses(_ index: Int, round: Int) -> Bool {
        guard config.dropout > 0 else { return false }
        var rng = StreamSeed.generator(config.seed, .dropout, index, round)
        return rng.unit() < config.dropout
    }

    /// The initial φ (PyTorch default init from the run's seed).
    public var initialParameters: [Float] {
        mlp.initialParameters(seed: StreamSeed.make(config.seed, [StreamSeed.Tag.initialisation.rawValue]))
    }

    /// Runs every round; `progress` sees each record as it is made.
    public func run(progress: ((RoundRecord) -> Void)? = nil) -> SimulationResult {
        let c = config, p = mlp.parameterCount
        var server = FederatedServer(strategy: c.strategy, initial: initialParameters, rounds: c.rounds,
                                     beta0: c.beta0, schedule: c.betaSchedule)
        let evaluator = Evaluator(task: task, mlp: mlp, seed: c.seed, settings: c.evaluation, threads: c.threads)
        var rec = RoundRecord(round: 0, samplePasses: 0, bytesDown: 0, bytesUp: 0, deviceMACs: 0, participations: 0,
                              missed: 0, rejectedUpdates: 0, evaluation: evaluator.evaluate(server.parameters))
        var records = [rec]
        progress?(rec)
        let trainer = self.trainer, upBytes = c.updates.bytes(for: mlp)
        var diverged = false
        var seconds = 0.0, cpu = 0.0
        for r in 0..<c.rounds {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.processCPUSeconds()
            let selected = selectedDevices(round: r)
            let active = selected.filter { !misses($0, round: r) }
            let phi = server.parameters
            let chunks = (active.count + Self.chunk - 1) / Self.chunk
            let parts = Parallel.map(chunks, threads: c.threads) { ci in
                trainChunk(Array(active[(ci * Self.chunk)..<min(active.count, (ci + 1) * Self.chunk)]),
                           round: r, phi: phi, trainer: trainer)
            }
            var sum = [Float](repeating: 0, count: p), weight: Float = 0, rejected = 0, passes = 0
            sum.withUnsafeMutableBufferPointer { s in
                for part in parts {
                    part.sum.withUnsafeBufferPointer { VectorMath.axpy(1, $0.baseAddress!, s.baseAddress!, p) }
                    weight += part.weight; rejected += part.rejected; passes += part.passes
                }
            }
            server.apply(sum: sum, totalWeight: weight, rejected: rejected)
            rec.round = r + 1
            rec.samplePasses += passes
            rec.deviceMACs += passes * mlp.trainingMACsPerSample
            rec.bytesDown += active.count * 4 * p
            rec.bytesUp += active.count * upBytes
            rec.participations += active.count
            rec.missed += selected.count - active.count
            rec.rejectedUpdates = server.rejectedUpdates
            diverged = !server.isFinite
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            cpu += Self.processCPUSeconds() - cpuStart
            let last = r + 1 == c.rounds || diverged
            if last || (c.evaluation.every > 0 && (r + 1) % c.evaluation.every == 0) {
                rec.evaluation = evaluator.evaluate(server.parameters)
                records.append(rec)
                progress?(rec)
            }
            if diverged { break }
        }
        let sampleBytes = 4 * (task.inputWidth + task.targetWidth)
        return SimulationResult(records: records, parameters: server.parameters, mlp: mlp,
                                deviceRAMBytes: trainer.ramBytes(samplesPerRound: c.samplesPerRound, sampleBytes: sampleBytes),
                                diverged: diverged, trainingSeconds: seconds, trainingCPUSeconds: cpu)
    }

    /// User + system CPU time of the process so far.
    static func processCPUSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
    }

    struct ChunkResult: Sendable { var sum: [Float]; var weight: Float; var rejected: Int; var passes: Int }

    /// Trains `devices` one after another from `phi`; returns Σ wᵢ·(θᵢ − φ) over finite updates.
    func trainChunk(_ devices: [Int], round: Int, phi: [Float], trainer: DeviceTrainer) -> ChunkResult {
        let p = mlp.parameterCount, c = config
        var out = ChunkResult(sum: [Float](repeating: 0, count: p), weight: 0, rejected: 0, passes: 0)
        let ws = MLPWorkspace(mlp: mlp, loss: task.loss)
        var theta = phi
        for d in devices {
            let data = DeviceData(task: task, seed: c.seed, device: DeviceID(d), dataSize: dataSize(of: d))
            let samples = data.roundSamples(round: round, count: c.samplesPerRound)
            if case .float32 = c.arithmetic {
                theta.withUnsafeMutableBufferPointer { t in
                    phi.withUnsafeBufferPointer { f in t.baseAddress!.update(from: f.baseAddress!, count: p) }
                    trainer.train(t.baseAddress!, samples: samples, workspace: ws)
                }
            } else {
                theta = trainer.localTrain(initial: phi, samples: samples).weights
            }
            out.passes += c.localEpochs * samples.count
            let finite = theta.withUnsafeMutableBufferPointer { t in
                phi.withUnsafeBufferPointer { f in VectorMath.subtractAndCheck(t.baseAddress!, f.baseAddress!, p) }
            }
            if c.updates != .float32 { c.updates.roundTrip(&theta, mlp: mlp) }
            guard finite else { out.rejected += 1; continue }
            let w: Float = c.strategy == .fedAvg ? Float(samples.count) : 1
            out.weight += w
            out.sum.withUnsafeMutableBufferPointer { s in
                theta.withUnsafeBufferPointer { VectorMath.axpy(w, $0.baseAddress!, s.baseAddress!, p) }
            }
        }
        return out
    }
}
