import Foundation
import SmeltFederated

/// `smelt federate-bench`: device-training throughput of the fleet simulator.
public struct FederateBenchCommand: Command {
    public init() {}
    public let name = "federate-bench"
    public let summary = "Time 1,000 sine devices × 1,000 rounds of local training; print device-steps/s."
    public let discussion = """
        Every round all --devices devices (1-40-40-1 sine, Reptile-style, k samples each, batch 1,
        one epoch) train from the current initialisation in parallel and the server averages
        their updates. One SGD step on one sample = one device-step. The time covers the rounds
        (data generation, training, reduction), not the evaluation before and after.
        """
    public let signature = CommandSignature(
        options: [
            .value("devices", valueName: "N", help: "devices, all training every round (default 1000)"),
            .value("rounds", valueName: "R", help: "rounds (default 1000)"),
            .value("k", valueName: "K", help: "samples per device per round (default 10)"),
            .value("threads", valueName: "T", help: "threads (0 = all cores, default)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        var c = FederatedConfig()
        c.strategy = .reptile
        c.devices = try arguments.integer("devices", in: 1...1_000_000) ?? 1000
        c.devicesPerRound = c.devices
        c.rounds = try arguments.integer("rounds", in: 1...1_000_000) ?? 1000
        c.samplesPerRound = try arguments.integer("k", in: 1...100_000) ?? 10
        c.threads = try arguments.integer("threads", in: 0...1024) ?? 0
        c.learningRate = 0.01
        c.beta0 = 1
        c.evaluation.every = 0
        c.evaluation.tasks = 50
        let cores = ProcessInfo.processInfo.activeProcessorCount
        console.line("federate-bench: \(c.devices) devices × \(c.rounds) rounds × k=\(c.samplesPerRound), sine 1-40-40-1, \(c.threads == 0 ? cores : c.threads) thread(s) of \(cores) cores")
        let r = try FederatedRunner.simulate(c)
        let steps = r.final.samplePasses
        console.line("device-steps: \(steps)")
        let threads = Double(c.threads == 0 ? cores : c.threads)
        console.line(String(format: "time: %.3f s wall, %.3f s CPU (all threads)", r.trainingSeconds, r.trainingCPUSeconds))
        console.line(String(format: "device-steps/s: %.0f (wall clock)", Double(steps) / max(r.trainingSeconds, 1e-9)))
        console.line(String(format: "device-steps per CPU-second: %.0f; × %d threads = %.0f device-steps/s if the cores were not shared",
                            Double(steps) / max(r.trainingCPUSeconds, 1e-9), Int(threads), threads * Double(steps) / max(r.trainingCPUSeconds, 1e-9)))
        console.line("held-out loss after \(c.evaluation.steps) steps: " + r.final.evaluation.summary)
        return 0
    }
}
