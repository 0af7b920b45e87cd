import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltLearn
import SmeltPasses
import SmeltQuant

/// The kernel-sharing digits example (Examples/kernel-sharing): trains a ConvMixer unshared and
/// shared, quantizes both to int8 and measures what the README table reports.
struct SharingExample {
    struct Row {
        var label: String
        var graph: Graph
        var parameters: Int
        /// Weight and bias bytes in the generated C (`CompileReport.weightBytes`).
        var weightBytes: Int
        var floatAccuracy: Double
        var int8Accuracy: Double
    }

    let data: String
    let width: Int
    let blocks: Int
    let epochs: Int
    let learningRate: Double
    let console: Console

    func csv(_ name: String) -> String { URL(fileURLWithPath: data).appendingPathComponent(name).path }

    /// Trains `graph` (tied weights train once, with the summed gradient) and returns it.
    ///
    /// The trainer runs BatchNorm with fixed statistics (it trains gamma and beta only), so before
    /// every epoch each BatchNorm's mean and variance are re-estimated, layer by layer, from the
    /// first 256 training rows (`BatchNormStatistics.estimate`); the last epoch trains with the
    /// statistics the model keeps.
    func train(_ graph: Graph, label: String, epochs: Int) throws -> Graph {
        let train = try TrainingData.load(path: csv("train.csv"), for: graph, loss: .softmaxCrossEntropy)
        let rows = Array(train.samples.prefix(256).map(\.input))
        var g = graph
        for e in 0..<epochs {
            g = try BatchNormStatistics.estimate(g, rows: rows)
            var trainer = try Trainer(graph: g, loss: .softmaxCrossEntropy, optimizer: .adam(learningRate: learningRate, batchSize: 16), seed: UInt64(e + 1))
            let s = try trainer.trainEpoch(samples: train.samples)
            console.line("\(label) epoch \(e + 1): loss \(String(format: "%.4f", s.loss)), train accuracy \(String(format: "%.4f", s.accuracy ?? 0)) (\(String(format: "%.1f", s.seconds)) s)")
            g = trainer.graph
        }
        return g
    }

    /// Float and int8 test accuracy, parameters and generated-C weight bytes of a trained graph.
    func measure(_ graph: Graph, label: String) throws -> Row {
        let test = try CSVData(path: csv("test.csv")).splittingLabelColumn(.last)
        let float = try Pipeline.standard(graph)
        let calibration = try Calibration.collect(graph: float, samples: CSVData(path: csv("calibration.csv")).rows)
        let q = try Quantizer.quantize(graph: float, calibration: calibration, scheme: .int8)
        let fi = try FloatInterpreter(graph: float), ii = try IntegerInterpreter(graph: q)
        var floatCorrect = 0, intCorrect = 0
        for (x, y) in zip(test.features.rows, test.labels) {
            let p = try fi.run(x)
            if p.indices.max(by: { p[$0] < p[$1] }) == Int(y) { floatCorrect += 1 }
            let pq = try ii.run(q.quantizeInput(x))
            if pq.indices.max(by: { pq[$0] < pq[$1] }) == Int(y) { intCorrect += 1 }
        }
        let c = try CEmitter.emit(graph: q, name: "convmixer", options: EmitOptions())
        let n = Double(test.labels.count)
        return Row(label: label, graph: graph, parameters: GraphStatistics(graph).totalParameters, weightBytes: c.report.weightBytes,
                   floatAccuracy: Double(floatCorrect) / n, int8Accuracy: Double(intCorrect) / n)
    }

    /// Measures already trained models (`--evaluate DIR`: every `*.json` in DIR, sorted) and prints the table.
    func evaluate(directory: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw SmeltError("\(directory): no .json models to evaluate") }
        let rows = try files.map { try measure(ModelFile.load(path: URL(fileURLWithPath: directory).appendingPathComponent($0).path), label: $0) }
        printTable(rows)
    }

    func printTable(_ rows: [Row]) {
        console.line("| model | parameters | int8 weight bytes | float test acc | int8 test acc |")
        console.line("|---|---|---|---|---|")
        for r in rows {
            console.line("| \(r.label) | \(r.parameters) | \(r.weightBytes) | \(String(format: "%.2f", 100 * r.floatAccuracy)) % | \(String(format: "%.2f", 100 * r.int8Accuracy)) % |")
        }
    }

    /// Trains unshared, shared (from scratch) and isomorphic-shared-from-unshared (+ fine-tuning),
    /// writes the trained models to `out` and prints the table.
    func run(out: String?) throws {
        let unsharedInit = try ConvMixerModel.graph(input: [8, 8, 1], width: width, blocks: blocks, classes: 10, shared: false, seed: 1)
        let sharedInit = try ConvMixerModel.graph(input: [8, 8, 1], width: width, blocks: blocks, classes: 10, shared: true, seed: 1)
        let unshared = try train(unsharedInit, label: "unshared", epochs: epochs)
        let shared = try train(sharedInit, label: "shared", epochs: epochs)
        let trainRows = try TrainingData.load(path: csv("train.csv"), for: unshared, loss: .softmaxCrossEntropy).samples.prefix(256).map(\.input)
        let averaged = try BatchNormStatistics.estimate(
            shareIsomorphicKernels(unshared, options: IsomorphicSharing(stages: ["mixer"])), rows: Array(trainRows))
        let tuned = try train(averaged, label: "share+fine-tune", epochs: max(1, epochs / 2))
        var rows = [try measure(unshared, label: "unshared"), try measure(shared, label: "shared (trained tied)"),
                    try measure(averaged, label: "share --mode isomorphic, no fine-tuning (BatchNorm statistics re-estimated)"),
                    try measure(tuned, label: "share --mode isomorphic + \(max(1, epochs / 2)) epochs fine-tuning")]
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (row, file) in zip(rows, ["unshared.json", "shared.json", "isomorphic.json", "isomorphic-finetuned.json"]) {
                try ModelFile.write(row.graph, to: URL(fileURLWithPath: out).appendingPathComponent(file).path)
            }
        }
        rows[0].label = "unshared"
        printTable(rows)
        console.line(String(format: "shared / unshared weight bytes = %.3f", Double(rows[1].weightBytes) / Double(rows[0].weightBytes)))
    }
}
