import Foundation
import SmeltIR

/// Builds the task a config names and runs simulations on it (the entry point of the CLI).
public enum FederatedRunner {
    /// The task of `spec`; relative data paths are resolved against `base`.
    public static func makeTask(_ spec: FederatedConfig.TaskSpec, base: String) throws -> any FederatedTask {
        func resolve(_ p: String) -> String {
            if p.hasPrefix("/") { return p }
            let local = (base as NSString).appendingPathComponent(p)
            return FileManager.default.fileExists(atPath: local) ? local : p
        }
        switch spec {
        case let .sine(a, p, x): return SineTask(amplitude: a, phase: p, xRange: x)
        case let .digits(train, test, ways, d):
            return try DigitsTask(trainPath: resolve(train), testPath: resolve(test), ways: ways, distortion: d)
        case let .presence(days, drift): return BuildingPresenceTask(days: days, drift: drift)
        case let .presenceSynthetic(drift): return PresenceTask(drift: drift)
        }
    }

    /// Runs `config` on its task.
    public static func simulate(_ config: FederatedConfig, base: String = ".",
                                progress: ((RoundRecord) -> Void)? = nil) throws -> SimulationResult {
        let task = try makeTask(config.task, base: base)
        return try simulate(config, task: task, progress: progress)
    }

    static func simulate<T: FederatedTask>(_ config: FederatedConfig, task: T,
                                            progress: ((RoundRecord) -> Void)?) throws -> SimulationResult {
        try FederatedSimulation(config: config, task: task).run(progress: progress)
    }

    /// Scores `parameters` on held-out devices `firstTask..<firstTask + tasks` of `config`'s task.
    public static func evaluate(_ config: FederatedConfig, parameters: [Float], firstTask: Int, base: String = ".") throws -> EvaluationResult {
        let task = try makeTask(config.task, base: base)
        return try evaluate(config, task: task, parameters: parameters, firstTask: firstTask)
    }

    static func evaluate<T: FederatedTask>(_ config: FederatedConfig, task: T, parameters: [Float], firstTask: Int) throws -> EvaluationResult {
        let mlp = try FederatedSimulation(config: config, task: task).mlp
        return Evaluator(task: task, mlp: mlp, seed: config.seed, settings: config.evaluation, threads: config.threads,
                         firstTask: firstTask).evaluate(parameters)
    }
}
