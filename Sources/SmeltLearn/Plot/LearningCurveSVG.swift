import Foundation
import SmeltIR

/// The learning curve of a training run as SVG: loss per epoch (train, and test if given) and,
/// when the epochs report accuracy, accuracy in percent per epoch in a second chart below.
public enum LearningCurveSVG {
    /// The SVG document for `train` (one entry per epoch, epoch 1 first) and optional `test`.
    public static func render(title: String, train: [EpochStats], test: [EpochStats] = []) -> String {
        func points(_ stats: [EpochStats], _ value: (EpochStats) -> Double?) -> [(x: Double, y: Double)] {
            stats.enumerated().compactMap { i, s in value(s).map { (Double(i + 1), $0) } }
        }
        var loss = SVGPlot(title: "\(title) — loss", xLabel: "epoch", yLabel: "loss")
        loss.series.append(.init(name: "train loss", points: points(train) { $0.loss }))
        if !test.isEmpty { loss.series.append(.init(name: "test loss", points: points(test) { $0.loss }, dashed: true)) }
        var plots = [loss]
        if train.contains(where: { $0.accuracy != nil }) {
            var acc = SVGPlot(title: "\(title) — accuracy", xLabel: "epoch", yLabel: "accuracy (%)", yRange: 0...100)
            acc.series.append(.init(name: "train accuracy", points: points(train) { $0.accuracy.map { $0 * 100 } }))
            if !test.isEmpty {
                acc.series.append(.init(name: "test accuracy", points: points(test) { $0.accuracy.map { $0 * 100 } }, dashed: true))
            }
            plots.append(acc)
        }
        return SVGPlot.stack(plots)
    }

    /// Writes `render(...)` to `path`.
    public static func write(title: String, train: [EpochStats], test: [EpochStats] = [], to path: String) throws {
        do {
            try render(title: title, train: train, test: test).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw SmeltError("\(path): cannot write the learning curve (\(error.localizedDescription))")
        }
    }
}
