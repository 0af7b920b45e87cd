import Foundation

/// Scores of an initialisation on held-out devices after 0, 1, ..., `steps` adaptation steps.
public struct EvaluationResult: Sendable, Equatable {
    /// The steps reported (0, 1, steps).
    public var steps: [Int]
    /// Mean and (population) standard deviation of the query loss per reported step, over the
    /// tasks that did not diverge.
    public var mean: [Double]
    public var std: [Double]
    /// Mean query accuracy per reported step (classification only).
    public var accuracy: [Double]?
    /// Tasks evaluated.
    public var tasks: Int
    /// Tasks whose adapted model produced NaN/Inf (counted, excluded from the means).
    public var diverged: Int

    /// "0.22 ± 0.28" for the last reported step.
    public var summary: String { String(format: "%.3f ± %.3f", mean.last ?? .nan, std.last ?? .nan) }
}

/// The evaluation protocol: each held-out device copies φ, takes `steps` full-batch SGD steps
/// at `learningRate` on its `supportSize` support samples, and is scored on its query set
/// after 0, 1 and `steps` steps. Tasks run in parallel; statistics are combined in task order.
public struct Evaluator<Task: FederatedTask>: Sendable {
    public let task: Task
    public let mlp: MLP
    public let seed: UInt64
    public let settings: FederatedConfig.Evaluation
    public let threads: Int
    /// Index of the first held-out device (validation sets start after the test set).
    public let firstTask: Int

    public init(task: Task, mlp: MLP, seed: UInt64, settings: FederatedConfig.Evaluation, threads: Int, firstTask: Int = 0) {
        self.firstTask = firstTask
        self.task = task
        self.mlp = mlp
        self.seed = seed
        self.settings = settings
        self.threads = threads
    }

    /// Per task, per reported step: (loss, accuracy).
    func scores(_ phi: [Float]) -> [[(Float, Float?)]] {
        let s = settings, report = s.reportSteps
        return Parallel.map(s.tasks, threads: threads) { i in
            let data = DeviceData(task: task, seed: seed, device: DeviceID(firstTask + i, heldOut: true), dataSize: nil)
            let support = data.support(count: s.supportSize), query = data.query(count: s.querySize)
            let ws = MLPWorkspace(mlp: mlp, loss: task.loss)
            var theta = phi
            var out: [(Float, Float?)] = []
            theta.withUnsafeMutableBufferPointer { p in
                for step in 0...s.steps {
                    if report.contains(step) {
                        let e = ws.evaluate(p.baseAddress!, data: query)
                        out.append((e.loss, e.accuracy))
                    }
                    if step < s.steps { ws.sgdStep(p.baseAddress!, data: support, range: 0..<support.count, lr: s.learningRate) }
                }
            }
            return out
        }
    }

    /// Evaluates `phi`.
    public func evaluate(_ phi: [Float]) -> EvaluationResult {
        let all = scores(phi)
        let report = settings.reportSteps
        let ok = all.filter { $0.allSatisfy { $0.0.isFinite } }
        var mean: [Double] = [], std: [Double] = [], acc: [Double] = []
        for j in 0..<report.count {
            let v = ok.map { Double($0[j].0) }
            let m = v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
            mean.append(m)
            std.append(v.isEmpty ? .nan : (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot())
            let a = ok.compactMap { $0[j].1 }.map(Double.init)
            acc.append(a.isEmpty ? .nan : a.reduce(0, +) / Double(a.count))
        }
        return EvaluationResult(steps: report, mean: mean, std: std, accuracy: task.loss == .softmaxCrossEntropy ? acc : nil,
                                tasks: all.count, diverged: all.count - ok.count)
    }
}
