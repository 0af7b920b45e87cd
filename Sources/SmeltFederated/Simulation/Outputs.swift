import Foundation
import SmeltIR
import SmeltLearn

/// Files a run writes: metrics CSV, learning-curve SVG, and φ as a Smelt model.
public enum FederatedOutputs {
    /// The metrics CSV: one row per evaluation, cumulative costs, loss mean/std after each
    /// reported step (and accuracy for classifiers). Numbers are printed with fixed formats, so
    /// equal runs give equal bytes.
    public static func csv(_ result: SimulationResult) -> String {
        guard let first = result.records.first else { return "" }
        var head = ["round", "sample_passes", "bytes_down", "bytes_up", "device_macs", "participations", "missed",
                    "rejected_updates", "eval_tasks", "diverged_tasks"]
        for s in first.evaluation.steps { head += ["loss_after_\(s)_mean", "loss_after_\(s)_std"] }
        if first.evaluation.accuracy != nil { for s in first.evaluation.steps { head.append("accuracy_after_\(s)") } }
        var out = head.joined(separator: ",") + "\n"
        for r in result.records {
            var row = [r.round, r.samplePasses, r.bytesDown, r.bytesUp, r.deviceMACs, r.participations, r.missed,
                       r.rejectedUpdates, r.evaluation.tasks, r.evaluation.diverged].map(String.init)
            for j in 0..<r.evaluation.steps.count { row += [num(r.evaluation.mean[j]), num(r.evaluation.std[j])] }
            if let a = r.evaluation.accuracy { row += a.map(num) }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    static func num(_ x: Double) -> String { x.isFinite ? String(format: "%.6f", x) : "nan" }

    /// Learning curves: mean query loss after each reported step, against rounds.
    public static func svg(_ result: SimulationResult, title: String) -> String {
        let steps = result.records.first?.evaluation.steps ?? []
        var plot = SVGPlot(title: title, xLabel: "round", yLabel: "held-out loss (mean)")
        for (j, s) in steps.enumerated() {
            plot.series.append(.init(name: "after \(s) steps",
                                     points: result.records.map { (Double($0.round), $0.evaluation.mean[j]) }, dashed: s == 0))
        }
        var plots = [plot]
        if result.records.first?.evaluation.accuracy != nil {
            var acc = SVGPlot(title: "\(title) — accuracy", xLabel: "round", yLabel: "accuracy (%)", yRange: 0...100)
            for (j, s) in steps.enumerated() {
                acc.series.append(.init(name: "after \(s) steps",
                                        points: result.records.map { (Double($0.round), 100 * ($0.evaluation.accuracy?[j] ?? .nan)) },
                                        dashed: s == 0))
            }
            plots.append(acc)
        }
        return SVGPlot.stack(plots)
    }

    /// φ as a Smelt graph: Dense layers (ReLU fused on hidden ones), weights `[out, in]`.
    public static func graph(mlp: MLP, parameters p: [Float], name: String) throws -> Graph {
        var b = GraphBuilder(name: name, input: [mlp.inputCount])
        var x = b.input
        for l in 0..<mlp.layerCount {
            let n = mlp.sizes[l], m = mlp.sizes[l + 1]
            let w = Array(p[mlp.weightOffsets[l]..<(mlp.weightOffsets[l] + n * m)])
            let bias = Array(p[mlp.biasOffsets[l]..<(mlp.biasOffsets[l] + m)])
            x = b.dense(x, units: m, activation: l + 1 < mlp.layerCount ? .relu : .none, weightValues: w, biasValues: bias)
        }
        b.setMetadata("producer", "smelt federate")
        return try b.finish(outputs: [x])
    }

    /// Writes `text` to `path`, with one clear error.
    public static func write(_ text: String, to path: String, what: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw SmeltError("\(path): cannot write the \(what) (\(error.localizedDescription))")
        }
    }
}
