import Foundation
import Testing
import SmeltIR
@testable import SmeltFederated

/// A tiny config: every feature on (heterogeneous data, dropout, int8 updates), a few rounds.
func tinyConfig(_ strategy: Strategy = .reptile, threads: Int = 1) -> FederatedConfig {
    var c = FederatedConfig()
    c.strategy = strategy
    c.hidden = [16, 16]
    c.rounds = 12
    c.devices = 40
    c.devicesPerRound = strategy == .tinyReptile ? 1 : 9
    c.samplesPerRound = 5
    c.localEpochs = strategy == .fedAvg ? 2 : 1
    c.batchSize = strategy == .fedAvg ? 2 : 1
    c.dataSize = 5...12
    c.dropout = 0.25
    c.updates = .int8
    c.evaluation.every = 4
    c.evaluation.tasks = 12
    c.evaluation.steps = 4
    c.seed = 7
    c.threads = threads
    c.applyStrategyDefaults(betaGiven: false)
    return c
}

@Suite("Simulation")
struct SimulationTests {
    /// Same config and seed → the same CSV bytes with 1 thread and with all cores.
    @Test(arguments: [Strategy.tinyReptile, .reptile, .fedAvg])
    func csvDoesNotDependOnThreads(_ s: Strategy) throws {
        let one = FederatedOutputs.csv(try FederatedRunner.simulate(tinyConfig(s, threads: 1)))
        let many = FederatedOutputs.csv(try FederatedRunner.simulate(tinyConfig(s, threads: 0)))
        let again = FederatedOutputs.csv(try FederatedRunner.simulate(tinyConfig(s, threads: 0)))
        #expect(one == many && many == again)
        #expect(one.split(separator: "\n").count == 1 + 4)   // header, rounds 0, 4, 8, 12
    }

    /// The accounting follows the cost model: 4·P bytes down and P + 8·layers up (int8) per
    /// participating device, MACs = sample-passes × training MACs per sample.
    @Test func accounting() throws {
        let c = tinyConfig(.fedAvg)
        let r = try FederatedRunner.simulate(c)
        let f = r.final, p = r.mlp.parameterCount
        #expect(p == 1 * 16 + 16 + 16 * 16 + 16 + 16 + 1)
        #expect(f.bytesDown == f.participations * 4 * p)
        #expect(f.bytesUp == f.participations * (p + 24))
        #expect(f.samplePasses == f.participations * 5 * 2)
        #expect(f.deviceMACs == f.samplePasses * r.mlp.trainingMACsPerSample)
        #expect(f.participations + f.missed == 12 * 9)
        #expect(f.missed > 0)
    }

    @Test func tinyReptileImprovesSineAdaptation() throws {
        var c = FederatedConfig()
        c.hidden = [20, 20]; c.rounds = 2000; c.devices = 500; c.evaluation.every = 0; c.evaluation.tasks = 50
        c.learningRate = 0.01; c.threads = 0
        let r = try FederatedRunner.simulate(c)
        let before = r.records[0].evaluation, after = r.final.evaluation
        #expect(after.mean.last! < 0.6 * before.mean.last!, "\(before.summary) → \(after.summary)")
        #expect(after.diverged == 0)
    }

    @Test func digitsAndPresenceLearn() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var d = FederatedConfig()
        d.task = .digits(train: root + "/Examples/digits/train.csv", test: root + "/Examples/digits/test.csv", ways: 5, distortion: 0.05)
        d.hidden = [32]; d.rounds = 120; d.devices = 100; d.devicesPerRound = 5; d.strategy = .reptile; d.samplesPerRound = 10
        d.learningRate = 0.05; d.beta0 = 1; d.evaluation.every = 0; d.evaluation.tasks = 20; d.evaluation.supportSize = 25
        d.evaluation.steps = 10; d.evaluation.learningRate = 0.1; d.evaluation.querySize = 50; d.threads = 0
        let r = try FederatedRunner.simulate(d)
        let acc = r.final.evaluation.accuracy!.last!, before = r.records[0].evaluation.accuracy!.last!
        #expect(acc > 0.3 && acc > before + 0.05, "5-way digits accuracy after adapting: \(before) → \(acc) (chance 0.2)")
        var p = d
        p.task = .presence(days: 60, drift: 1); p.hidden = [16]; p.evaluation.supportSize = 20
        p.rounds = 300
        let q = try FederatedRunner.simulate(p)
        #expect(q.final.evaluation.accuracy!.last! > 0.75, "presence accuracy \(q.final.evaluation.accuracy!)")
        p.task = .presenceSynthetic(drift: 1)
        p.arithmetic = .generatedC
        let s = try FederatedRunner.simulate(p)
        #expect(s.final.evaluation.accuracy!.last! > 0.7, "synthetic presence, generated-C step: \(s.final.evaluation.accuracy!)")
    }

    /// The generated-C step (Q7.24) returns weights on the Q7.24 grid and learns.
    @Test func generatedCLocalTraining() throws {
        let mlp = try MLP(sizes: [1, 8, 1])
        let trainer = DeviceTrainer(mlp: mlp, loss: .meanSquaredError, learningRate: 0.01, arithmetic: .generatedC)
        let data = DeviceData(task: SineTask(), seed: 1, device: DeviceID(3), dataSize: nil)
        let s = data.roundSamples(round: 0, count: 10)
        let p0 = mlp.initialParameters(seed: 2)
        let out = trainer.localTrain(initial: p0, samples: s)
        #expect(!out.diverged && out.weights != p0)
        #expect(out.weights.allSatisfy { (Double($0) * 16_777_216).rounded() == Double($0) * 16_777_216 })
    }

    @Test func fixedPointLocalTrainingRuns() throws {
        var c = tinyConfig(.reptile)
        c.arithmetic = .fixedPoint(fractionalBits: 10)
        c.updates = .float32
        let r = try FederatedRunner.simulate(c)
        #expect(!r.diverged && r.parameters.allSatisfy { $0.isFinite })
        let initial = try FederatedSimulation(config: c, task: SineTask()).initialParameters
        #expect(r.parameters != initial)
        // Every parameter of φ moved by a multiple of β/m·2^−10-ish steps: weights are Q-rounded on the device.
        let trainer = DeviceTrainer(mlp: r.mlp, loss: .meanSquaredError, learningRate: 0.01, arithmetic: .fixedPoint(fractionalBits: 10))
        let data = DeviceData(task: SineTask(), seed: 1, device: DeviceID(3), dataSize: nil)
        let out = trainer.localTrain(initial: r.parameters, samples: data.roundSamples(round: 0, count: 5))
        #expect(out.weights.allSatisfy { ($0 * 1024).rounded() == $0 * 1024 })
    }
}
