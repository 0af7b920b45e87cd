import Foundation
import SmeltIR
import SmeltLearn
import SmeltPasses

/// `smelt share MODEL --mode exact|isomorphic [--stages a,b] -o OUT.json [--fine-tune TRAIN.csv]`:
/// kernel sharing (docs/kernel-sharing.md).
public struct ShareCommand: Command {
    public init() {}
    public let name = "share"
    public let summary = "Share kernels between layers: tie identical tensors or average isomorphic layers."
    public let discussion = """
        MODES
          exact       ties byte-identical constant tensors (same dtype, shape, data): outputs unchanged.
          isomorphic  groups Conv2D / DepthwiseConv2D / Dense layers with the same op and weight shape
                      (kernel size, input and output channels) and makes each group read one kernel
                      (and one bias) initialised from the members' mean. BatchNorms, strides, padding
                      and activations stay per layer. Outputs change: fine-tune afterwards.

        STAGES (isomorphic only): --stages mixer,stage2 groups only layers whose node name starts with
          "<stage>." or "<stage>/", each stage separately (the stage of "mixer.b3.dw" is "mixer").
          Without --stages every layer of the model may join a group.

        FINE-TUNING: --fine-tune TRAIN.csv trains the shared model with tied weights (every user's
          gradient is summed into the shared tensor) for --epochs epochs (default 3) with Adam
          (--learning-rate, default 0.001, batch 16, seed = epoch). Before each epoch every BatchNorm's
          mean and variance are re-estimated from the first 256 rows (the trainer keeps them fixed).
          Rows: inputs then the label (softmax models) or the targets. Without --fine-tune the
          output is NOT fine-tuned, and the command says so.

        Prints parameters and the int8 flash estimate (weights 1 B, biases 4 B, after BatchNorm
        folding) before and after, and the groups formed.
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "model file (.json)")],
        options: [
            .value("mode", valueName: "exact|isomorphic", help: "how to find layers that share", required: true),
            .value("stages", valueName: "A,B", help: "isomorphic: only group within these stages (node-name prefixes)"),
            .value("output", short: "o", valueName: "FILE", help: "write the shared model here (.json)", required: true),
            .value("fine-tune", valueName: "CSV", help: "fine-tune the shared model on these rows"),
            .value("epochs", valueName: "N", help: "fine-tuning epochs (default 3)"),
            .value("learning-rate", valueName: "LR", help: "fine-tuning Adam learning rate (default 0.001)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let mode = try arguments.choice("mode", of: ["exact", "isomorphic"], default: "exact")
        guard let path = arguments.positional("MODEL"), let out = arguments.value("output") else {
            throw UsageError("missing MODEL or -o OUT")
        }
        let stages = arguments.value("stages").map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if stages != nil && mode == "exact" { throw UsageError("--stages applies to --mode isomorphic only") }
        if let s = stages, s.isEmpty || s.contains("") { throw UsageError("--stages needs comma-separated stage names") }
        let epochs = try arguments.integer("epochs", in: 1...10_000) ?? 3
        var learningRate = 0.001
        if let lr = arguments.value("learning-rate") {
            guard let v = Double(lr), v > 0, v.isFinite else { throw UsageError("--learning-rate must be a positive number, got \"\(lr)\"") }
            learningRate = v
        }
        let graph = try ModelFile.load(path: path)
        if let stages {
            let known = Set(graph.nodes.map { IsomorphicSharing.stage(of: $0.name) })
            if let missing = stages.first(where: { !known.contains($0) }) {
                throw SmeltError("\(path): no node is in stage \"\(missing)\" (stages: \(known.sorted().joined(separator: ", ")))")
            }
        }
        let before = try FlashEstimate(graph)
        var shared = mode == "exact" ? try shareExactTensors(graph)
                                     : try shareIsomorphicKernels(graph, options: IsomorphicSharing(stages: stages))
        for group in shared.sharedTensors where graph.sharedTensors.first(where: { $0.tensor == group.tensor })?.readers != group.readers {
            console.line("group \(group.tensor): \(group.readers.count) layers (\(group.readers.joined(separator: ", ")))")
        }
        if let data = arguments.value("fine-tune") {
            let loss: Loss = shared.producer(of: shared.outputs.first ?? "")?.op == .softmax ? .softmaxCrossEntropy : .meanSquaredError
            let rows = try TrainingData.load(path: data, for: shared, loss: loss)
            let statisticsRows = Array(rows.samples.prefix(256).map(\.input))
            for e in 1...epochs {
                shared = try BatchNormStatistics.estimate(shared, rows: statisticsRows)
                var trainer = try Trainer(graph: shared, loss: loss, optimizer: .adam(learningRate: learningRate, batchSize: 16), seed: UInt64(e))
                let s = try trainer.trainEpoch(samples: rows.samples)
                console.line("fine-tune epoch \(e): loss \(String(format: "%.4f", s.loss))" + (s.accuracy.map { String(format: ", accuracy %.4f", $0) } ?? ""))
                shared = trainer.graph
            }
            console.line("fine-tuned: yes (\(epochs) epochs on \(data), tied weights)")
        } else {
            console.line("fine-tuned: no (outputs \(mode == "exact" ? "are unchanged" : "changed: pass --fine-tune TRAIN.csv"))")
        }
        let after = try FlashEstimate(shared)
        console.line("parameters: \(before.parameters) -> \(after.parameters)")
        console.line("int8 flash estimate: \(before.int8WeightBytes) B -> \(after.int8WeightBytes) B")
        try ModelFile.write(shared, to: out)
        console.line("wrote \(out)")
        return 0
    }
}
