import Foundation
import SmeltIR

extension FederatedConfig {
    /// Reads a config file; any problem is one `SmeltError` naming the file and the key.
    public static func load(path: String) throws -> FederatedConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw SmeltError("\(path): cannot read the file") }
        do { return try parse(data) } catch let e as SmeltError { throw e.inFile(path) }
    }

    /// Parses config JSON (see docs/federated.md). Unknown keys are errors, so typos are caught.
    public static func parse(_ data: Data) throws -> FederatedConfig {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw SmeltError("not valid JSON (\((error as NSError).userInfo["NSDebugDescription"] ?? error.localizedDescription))")
        }
        let top = try Obj(root, "config")
        try top.only(["task", "model", "strategy", "rounds", "devices", "devicesPerRound", "k", "localEpochs", "batchSize",
                      "learningRate", "beta", "heterogeneity", "updates", "arithmetic", "evaluation", "seed", "threads",
                      "compare", "output"])
        var c = FederatedConfig()
        if let t = try top.object("task") {
            let kind = try t.string("kind") ?? "sine"
            switch kind {
            case "sine":
                try t.only(["kind", "amplitude", "phase", "x"])
                c.task = .sine(amplitude: try t.range("amplitude") ?? 0.1...5, phase: try t.range("phase") ?? 0...Double.pi,
                               x: try t.range("x") ?? -5...5)
            case "digits":
                try t.only(["kind", "train", "test", "ways", "distortion"])
                c.task = .digits(train: try t.string("train") ?? "Examples/digits/train.csv",
                                 test: try t.string("test") ?? "Examples/digits/test.csv",
                                 ways: try t.int("ways") ?? 5, distortion: try t.double("distortion") ?? 0.1)
            case "presence":
                try t.only(["kind", "days", "drift"])
                c.task = .presence(days: try t.double("days") ?? 60, drift: try t.double("drift") ?? 1)
            case "presence-synthetic":
                try t.only(["kind", "drift"])
                c.task = .presenceSynthetic(drift: try t.double("drift") ?? 1)
            default:
                throw SmeltError("task.kind: unknown task '\(kind)' (expected sine, digits, presence or presence-synthetic)")
            }
        }
        if let m = try top.object("model") {
            try m.only(["hidden"])
            if let h = try m.intArray("hidden") { c.hidden = h }
        }
        if let s = try top.string("strategy") {
            guard let v = Strategy(rawValue: s.lowercased()) else {
                throw SmeltError("strategy: unknown strategy '\(s)' (expected tinyreptile, reptile or fedavg)")
            }
            c.strategy = v
        }
        c.rounds = try top.int("rounds") ?? c.rounds
        c.devices = try top.int("devices") ?? c.devices
        c.devicesPerRound = try top.int("devicesPerRound") ?? (c.strategy == .tinyReptile ? 1 : 5)
        c.samplesPerRound = try top.int("k") ?? c.samplesPerRound
        c.localEpochs = try top.int("localEpochs") ?? c.localEpochs
        c.batchSize = try top.int("batchSize") ?? c.batchSize
        c.learningRate = Float(try top.double("learningRate") ?? Double(c.learningRate))
        var betaGiven = false
        if let b = try top.object("beta") {
            try b.only(["initial", "schedule"])
            if let v = try b.double("initial") { c.beta0 = v; betaGiven = true }
            if let s = try b.string("schedule") {
                guard let v = BetaSchedule(rawValue: s) else { throw SmeltError("beta.schedule: unknown schedule '\(s)' (expected linear or constant)") }
                c.betaSchedule = v
                betaGiven = true
            }
        }
        if let h = try top.object("heterogeneity") {
            try h.only(["dataSize", "dropout"])
            if let d = try h.intArray("dataSize") {
                guard d.count == 2, d[0] <= d[1] else { throw SmeltError("heterogeneity.dataSize: expected [min, max] with min ≤ max") }
                c.dataSize = d[0]...d[1]
            }
            c.dropout = try h.double("dropout") ?? 0
        }
        if let u = try top.string("updates") {
            guard let v = UpdateCodec(rawValue: u) else { throw SmeltError("updates: unknown encoding '\(u)' (expected float32 or int8)") }
            c.updates = v
        }
        if let a = try top.object("arithmetic") {
            try a.only(["kind", "fractionalBits"])
            switch try a.string("kind") ?? "float32" {
            case "float32": c.arithmetic = .float32
            case "fixed": c.arithmetic = .fixedPoint(fractionalBits: try a.int("fractionalBits") ?? 10)
            case "generated-c": c.arithmetic = .generatedC
            case let k: throw SmeltError("arithmetic.kind: unknown arithmetic '\(k)' (expected float32, fixed or generated-c)")
            }
        }
        if let e = try top.object("evaluation") {
            try e.only(["every", "tasks", "supportSize", "steps", "learningRate", "querySize"])
            c.evaluation.every = try e.int("every") ?? c.evaluation.every
            c.evaluation.tasks = try e.int("tasks") ?? c.evaluation.tasks
            c.evaluation.supportSize = try e.int("supportSize") ?? c.evaluation.supportSize
            c.evaluation.steps = try e.int("steps") ?? c.evaluation.steps
            c.evaluation.learningRate = Float(try e.double("learningRate") ?? Double(c.evaluation.learningRate))
            c.evaluation.querySize = try e.int("querySize") ?? c.evaluation.querySize
        }
        if let s = try top.int("seed") {
            guard s >= 0 else { throw SmeltError("seed: must not be negative, got \(s)") }
            c.seed = UInt64(s)
        }
        c.threads = try top.int("threads") ?? 0
        if let cmp = try top.object("compare") {
            try cmp.only(["learningRates"])
            if let l = try cmp.doubleArray("learningRates") { c.compareLearningRates = l.map { Float($0) } }
        }
        if let o = try top.object("output") {
            try o.only(["csv", "svg", "model"])
            c.metricsCSV = try o.string("csv") ?? c.metricsCSV
            c.curveSVG = try o.string("svg") ?? c.curveSVG
            c.modelJSON = try o.string("model") ?? c.modelJSON
        }
        c.applyStrategyDefaults(betaGiven: betaGiven)
        if let problem = c.validationError() { throw SmeltError(problem) }
        return c
    }
}

/// A JSON object with typed, path-named accessors.
private struct Obj {
    let dict: [String: Any]
    let path: String
    init(_ any: Any, _ path: String) throws {
        guard let d = any as? [String: Any] else { throw SmeltError("\(path): expected a JSON object") }
        dict = d
        self.path = path
    }
    func name(_ k: String) -> String { path == "config" ? k : "\(path).\(k)" }
    func only(_ keys: Set<String>) throws {
        if let bad = dict.keys.sorted().first(where: { !keys.contains($0) }) {
            throw SmeltError("\(name(bad)): unknown key (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
    }
    func object(_ k: String) throws -> Obj? { try dict[k].map { try Obj($0, name(k)) } }
    func string(_ k: String) throws -> String? {
        guard let v = dict[k] else { return nil }
        guard let s = v as? String else { throw SmeltError("\(name(k)): expected a string") }
        return s
    }
    func double(_ k: String) throws -> Double? {
        guard let v = dict[k] else { return nil }
        guard let n = v as? NSNumber else {
            throw SmeltError("\(name(k)): expected a number")
        }
        return n.doubleValue
    }
    func int(_ k: String) throws -> Int? {
        guard let d = try double(k) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else { throw SmeltError("\(name(k)): expected an integer, got \(d)") }
        return Int(d)
    }
    func doubleArray(_ k: String) throws -> [Double]? {
        guard let v = dict[k] else { return nil }
        guard let a = v as? [Any], let ns = a as? [NSNumber] else { throw SmeltError("\(name(k)): expected an array of numbers") }
        return ns.map(\.doubleValue)
    }
    func intArray(_ k: String) throws -> [Int]? {
        guard let a = try doubleArray(k) else { return nil }
        guard a.allSatisfy({ $0 == $0.rounded() }) else { throw SmeltError("\(name(k)): expected an array of integers") }
        return a.map { Int($0) }
    }
    func range(_ k: String) throws -> ClosedRange<Double>? {
        guard let a = try doubleArray(k) else { return nil }
        guard a.count == 2, a[0] <= a[1] else { throw SmeltError("\(name(k)): expected [low, high] with low ≤ high") }
        return a[0]...a[1]
    }
}
