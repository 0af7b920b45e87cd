import Foundation
import SmeltIR
import SmeltFederated

/// `smelt federate CONFIG.json [--compare]`: federated meta-learning over a simulated fleet.
public struct FederateCommand: Command {
    public init() {}
    public let name = "federate"
    public let summary = "Simulate TinyReptile / Reptile / FedAvg over a fleet of devices (config in JSON)."
    public let discussion = """
        Runs the strategy of CONFIG.json (format: docs/federated.md) on its task (sine, digits,
        presence), prints one line per evaluation (held-out loss after 0/1/K adaptation steps,
        device sample-passes, bytes each way), and writes the metrics CSV, the learning-curve SVG
        and the learned initialisation as a Smelt model (paths from the config's "output",
        relative to the config file). --compare runs TinyReptile, Reptile (m=5) and FedAvg
        (m=5; E=1,5; batch 1,10) at equal device compute with the same learning-rate sweep and
        prints a table. Same config and seed → identical CSV on any number of cores.
        """
    public let signature = CommandSignature(
        positionals: [.init("CONFIG", help: "federated run description (JSON)")],
        options: [
            .flag("compare", help: "compare strategies at equal device compute"),
            .value("rounds", valueName: "R", help: "override the config's rounds"),
            .value("threads", valueName: "N", help: "threads (0 = all cores; results do not depend on it)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let path = arguments.positional("CONFIG")!
        var config = try FederatedConfig.load(path: path)
        if let r = try arguments.integer("rounds", in: 1...100_000_000) { config.rounds = r }
        if let t = try arguments.integer("threads", in: 0...1024) { config.threads = t }
        let base = (path as NSString).deletingLastPathComponent
        func out(_ p: String) -> String { p.hasPrefix("/") ? p : (base.isEmpty ? p : (base as NSString).appendingPathComponent(p)) }
        do {
            if arguments.flag("compare") {
                try compare(config, base: base, console: console, csvPath: config.metricsCSV.map { out(Self.comparePath($0)) })
                return 0
            }
            console.line("\(config.strategy.displayName) on \(Self.taskName(config.task)): \(config.rounds) rounds, \(config.devices) devices, m=\(config.devicesPerRound), k=\(config.samplesPerRound), E=\(config.localEpochs), batch \(config.batchSize), α=\(config.learningRate), β₀=\(config.beta0) (\(config.betaSchedule.rawValue)), updates \(config.updates.rawValue), seed \(config.seed)")
            let result = try FederatedRunner.simulate(config, base: base) { rec in console.line(Self.progressLine(rec)) }
            let f = result.final
            console.line("device RAM for local training: \(result.deviceRAMBytes) bytes; per round per device: \(4 * result.mlp.parameterCount) bytes down, \(config.updates.bytes(for: result.mlp)) bytes up, \(config.samplesPerRound * config.localEpochs * result.mlp.trainingMACsPerSample) MACs")
            console.line(String(format: "training time %.2f s (%.0f device-steps/s)", result.trainingSeconds,
                                Double(f.samplePasses) / max(result.trainingSeconds, 1e-9)))
            if result.diverged { console.line("warning: the initialisation diverged (NaN/Inf) at round \(f.round); the run stopped there") }
            if let p = config.metricsCSV { try FederatedOutputs.write(FederatedOutputs.csv(result), to: out(p), what: "metrics CSV"); console.line("wrote \(out(p))") }
            if let p = config.curveSVG {
                try FederatedOutputs.write(FederatedOutputs.svg(result, title: "\(config.strategy.displayName) — \(Self.taskName(config.task))"), to: out(p), what: "learning curves")
                console.line("wrote \(out(p))")
            }
            if let p = config.modelJSON {
                let g = try FederatedOutputs.graph(mlp: result.mlp, parameters: result.parameters, name: "federated_\(Self.taskName(config.task))")
                try ModelFile.write(g, to: out(p))
                console.line("wrote \(out(p))")
            }
        } catch let e as SmeltError {
            throw e.inFile(path)
        }
        return 0
    }

    static func taskName(_ t: FederatedConfig.TaskSpec) -> String {
        switch t {
        case .sine: return "sine"
        case .digits: return "digits"
        case .presence: return "presence"
        case .presenceSynthetic: return "presence-synthetic"
        }
    }

    static func comparePath(_ csv: String) -> String {
        csv.hasSuffix(".csv") ? String(csv.dropLast(4)) + "-compare.csv" : csv + "-compare.csv"
    }

    static func lossText(_ e: EvaluationResult, _ j: Int) -> String {
        String(format: "%.3f ± %.3f", e.mean[j], e.std[j])
    }

    static func progressLine(_ r: RoundRecord) -> String {
        let e = r.evaluation
        var s = "round \(r.round):"
        for (j, step) in e.steps.enumerated() { s += " loss@\(step) \(lossText(e, j))" }
        if let a = e.accuracy, let last = a.last { s += String(format: " acc@%d %.1f%%", e.steps.last!, 100 * last) }
        if e.diverged > 0 { s += " diverged tasks \(e.diverged)/\(e.tasks)" }
        s += " | passes \(r.samplePasses), bytes down \(r.bytesDown), up \(r.bytesUp)"
        if r.missed > 0 { s += ", missed \(r.missed)" }
        if r.rejectedUpdates > 0 { s += ", rejected updates \(r.rejectedUpdates)" }
        return s
    }

    func compare(_ config: FederatedConfig, base: String, console: Console, csvPath: String?) throws {
        let budget = FederatedComparison.budget(config)
        console.line("compare on \(Self.taskName(config.task)): budget \(budget) device sample-passes per strategy, learning rates \(config.compareLearningRates.map { "\($0)" }.joined(separator: ", ")), seed \(config.seed)")
        console.line("(rate chosen on \(config.evaluation.tasks) validation devices; table scores \(config.evaluation.tasks) other held-out devices)")
        let (all, best) = try FederatedComparison.run(config, baseDirectory: base) { row in
            let last = row.validation.mean.count - 1
            var line = "  \(row.entry.label) lr \(row.learningRate): \(row.rounds) rounds, validation loss@\(row.validation.steps[last]) \(Self.lossText(row.validation, last))"
            if row.validation.diverged > 0 { line += " (\(row.validation.diverged) of \(row.validation.tasks) tasks diverged)" }
            if row.final.rejectedUpdates > 0 { line += ", \(row.final.rejectedUpdates) device updates rejected (NaN/Inf)" }
            if row.diverged { line += ", the initialisation diverged at round \(row.final.round)" }
            console.line(line)
        }
        let steps = best[0].test.steps
        var table = TextTable(headers: ["strategy", "lr", "rounds"] + steps.map { "loss@\($0)" } + ["diverged", "sample-passes", "bytes down", "bytes up", "RAM B", "MACs"],
                              alignments: [.left] + Array(repeating: .right, count: 11 + steps.count - 3))
        for r in best {
            table.add([r.entry.label, "\(r.learningRate)", "\(r.rounds)"] + steps.indices.map { Self.lossText(r.test, $0) } +
                      ["\(r.test.diverged)/\(r.test.tasks)", "\(r.final.samplePasses)", "\(r.final.bytesDown)", "\(r.final.bytesUp)",
                       "\(r.deviceRAMBytes)", "\(r.final.deviceMACs)"])
        }
        console.write(table.render())
        if let p = csvPath {
            var csv = "strategy,devices_per_round,epochs,batch,learning_rate,rounds,chosen,"
            csv += steps.map { "val_loss_after_\($0)" }.joined(separator: ",") + ","
            csv += steps.map { "test_loss_after_\($0)_mean,test_loss_after_\($0)_std" }.joined(separator: ",")
            csv += ",test_diverged,sample_passes,bytes_down,bytes_up,device_ram_bytes,device_macs\n"
            for r in all {
                let chosen = best.contains { $0.entry == r.entry && $0.learningRate == r.learningRate }
                var f: [String] = [r.entry.strategy.rawValue, "\(r.entry.devicesPerRound)", "\(r.entry.epochs)", "\(r.entry.batchSize)",
                                   "\(r.learningRate)", "\(r.rounds)", chosen ? "1" : "0"]
                f += r.validation.mean.map { String(format: "%.6f", $0) }
                for j in steps.indices { f += [String(format: "%.6f", r.test.mean[j]), String(format: "%.6f", r.test.std[j])] }
                f += ["\(r.test.diverged)", "\(r.final.samplePasses)", "\(r.final.bytesDown)", "\(r.final.bytesUp)", "\(r.deviceRAMBytes)", "\(r.final.deviceMACs)"]
                csv += f.joined(separator: ",") + "\n"
            }
            try FederatedOutputs.write(csv, to: p, what: "comparison CSV")
            console.line("wrote \(p)")
        }
    }
}
