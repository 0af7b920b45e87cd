import Foundation
import SmeltIR
import SmeltLearn

/// `smelt train MODEL --data FILE --epochs N -o OUT.json`: trains a float model on the host and
/// writes it back, printing one progress line per epoch and optionally a learning-curve SVG.
public struct TrainCommand: Command {
    public init() {}
    public let name = "train"
    public let summary = "Train a float model on labelled CSV data and write the trained model."
    public let discussion = """
        DATA (CSV, one header row, one sample per line):
          classification (--loss cross-entropy): the input values, then a column named 'label'
                (else the last column) holding the class index 0 ... classes-1.
          regression (--loss mse): the input values, then as many target columns as the model
                has outputs (the last columns).
          Inputs are the model input flattened row-major (NHWC for images). Every value must be a
          finite number; a wrong column count, a non-integer or out-of-range label or a NaN is an
          error naming the file and line.

        TRAINING: forward and backward in double precision; each step averages the gradient over
          --batch samples (the last batch of an epoch may be smaller); the order of the samples
          is shuffled every epoch from --seed, so a run is reproducible bit for bit. Every float
          constant trains except BatchNorm running statistics. With --init he-normal the weights
          are first redrawn (He-normal from --seed, biases 0): training from scratch.
          Defaults: --optimizer adam, --lr 0.001 (adam) or 0.01 (sgd, momentum 0.9),
          --batch 32, --seed 0, --loss cross-entropy if the model ends in Softmax, else mse.

        OUTPUT: a line per epoch with the mean training loss (each sample measured before its
          update), the training accuracy (classification), the loss and accuracy on --test after
          the epoch, and the time. OUT.json is written once, after the last epoch, atomically.
          If the loss becomes NaN or infinite the run stops with an error naming the epoch and
          neither OUT.json nor the curve is written (an existing OUT.json is left untouched).

        EXAMPLE:
          smelt train Examples/digits/digits.json --data Examples/digits/train.csv \\
              --test Examples/digits/test.csv --epochs 5 --init he-normal --seed 3 \\
              -o digits_trained.json --curve digits_curve.svg
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: "float model file (.json) to start from")],
        options: [
            .value("data", valueName: "FILE", help: "training samples (CSV)", required: true),
            .value("test", valueName: "FILE", help: "test samples (CSV), evaluated after every epoch"),
            .value("epochs", valueName: "N", help: "passes over the training data", required: true),
            .value("lr", valueName: "RATE", help: "learning rate (default 0.001 adam, 0.01 sgd/momentum)"),
            .value("optimizer", valueName: "sgd|momentum|adam", help: "update rule (default adam)"),
            .value("batch", valueName: "N", help: "samples per update (default 32)"),
            .value("seed", valueName: "N", help: "seed of the shuffle and of --init (default 0)"),
            .value("loss", valueName: "cross-entropy|mse", help: "loss (default: cross-entropy if the model ends in Softmax, else mse)"),
            .value("init", valueName: "keep|he-normal", help: "start from the model's weights (keep, default) or redraw them"),
            .value("output", short: "o", valueName: "FILE", help: "where to write the trained model (.json)", required: true),
            .value("curve", valueName: "FILE", help: "write the learning curve (loss and accuracy per epoch) as SVG"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let modelPath = arguments.positional("MODEL"), let dataPath = arguments.value("data"),
              let outPath = arguments.value("output") else { throw UsageError("missing MODEL, --data or --output") }
        let epochs = try arguments.integer("epochs", in: 1...1_000_000)!
        let batch = try arguments.integer("batch", in: 1...1_000_000) ?? 32
        let seed = try arguments.integer("seed", in: 0...Int.max) ?? 0
        let method = try arguments.choice("optimizer", of: ["sgd", "momentum", "adam"], default: "adam")
        let initMode = try arguments.choice("init", of: ["keep", "he-normal"], default: "keep")
        var lr = method == "adam" ? 0.001 : 0.01
        if let s = arguments.value("lr") {
            guard let v = Double(s), v.isFinite, v > 0 else { throw UsageError("--lr expects a positive number, got '\(s)'") }
            lr = v
        }

        var graph = try ModelFile.load(path: modelPath)
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw SmeltError("\(modelPath): train needs a model with one input and one output, this one has \(graph.inputs.count) and \(graph.outputs.count)")
        }
        let endsInSoftmax = graph.nodes.last { $0.output == graph.outputs[0] }?.op.kind == .softmax
        let lossName = try arguments.choice("loss", of: ["cross-entropy", "mse"], default: endsInSoftmax ? "cross-entropy" : "mse")
        let loss: Loss = lossName == "mse" ? .meanSquaredError : .softmaxCrossEntropy
        if initMode == "he-normal" { graph = try WeightInitializer.heNormal(graph, seed: UInt64(seed)) }

        let optimizer: Optimizer
        switch method {
        case "sgd": optimizer = .sgd(learningRate: lr, batchSize: batch)
        case "momentum": optimizer = .momentum(learningRate: lr, batchSize: batch)
        default: optimizer = .adam(learningRate: lr, batchSize: batch)
        }
        let train = try TrainingData.load(path: dataPath, for: graph, loss: loss)
        let test = try arguments.value("test").map { try TrainingData.load(path: $0, for: graph, loss: loss) }
        var trainer: Trainer
        do {
            trainer = try Trainer(graph: graph, loss: loss, optimizer: optimizer, seed: UInt64(seed))
        } catch let e as SmeltError {
            throw e.inFile(modelPath)
        }

        console.line("training \"\(graph.name)\": \(train.samples.count) samples, \(trainer.trainable.count) tensors, "
            + "\(lossName), \(method) lr \(String(format: "%g", lr)) batch \(batch), seed \(seed)")
        var trainCurve: [EpochStats] = [], testCurve: [EpochStats] = []
        for epoch in 1...epochs {
            let stats: EpochStats
            do {
                stats = try trainer.trainEpoch(samples: train.samples)
            } catch let e as SmeltError {
                let message = e.message.replacingOccurrences(of: "; the model was left as it was before epoch \(epoch)", with: "")
                throw SmeltError("\(dataPath): \(message); \(outPath) was not written")
            }
            trainCurve.append(stats)
            var line = "epoch \(Self.pad(epoch, epochs))/\(epochs)  loss \(Self.fixed(stats.loss))"
            if let a = stats.accuracy { line += "  accuracy \(Self.percent(a))" }
            var seconds = stats.seconds
            if let test {
                let t = try trainer.evaluate(samples: test.samples)
                guard t.loss.isFinite else {
                    throw SmeltError("\(arguments.value("test")!): epoch \(epoch): the test loss became \(t.loss); training diverged (try a smaller learning rate); \(outPath) was not written")
                }
                testCurve.append(t)
                seconds += t.seconds
                line += "  test loss \(Self.fixed(t.loss))"
                if let a = t.accuracy { line += "  test accuracy \(Self.percent(a))" }
            }
            line += "  " + String(format: "%.2f s", seconds)
            console.line(line)
        }
        try ModelFile.write(trainer.graph, to: outPath)
        console.line("wrote \(outPath)")
        if let curvePath = arguments.value("curve") {
            try LearningCurveSVG.write(title: graph.name, train: trainCurve, test: testCurve, to: curvePath)
            console.line("wrote \(curvePath)")
        }
        return 0
    }

    static func pad(_ n: Int, _ total: Int) -> String {
        let s = String(n), w = String(total).count
        return String(repeating: " ", count: max(0, w - s.count)) + s
    }

    static func fixed(_ x: Double) -> String { String(format: x < 1e-3 ? "%.4e" : "%.4f", x) }

    static func percent(_ x: Double) -> String { String(format: "%6.2f %%", x * 100) }
}
