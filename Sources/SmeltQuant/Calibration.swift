import SmeltIR

/// The real range `[min, max]` observed for one tensor during calibration.
public struct TensorRange: Sendable, Equatable {
    public var min: Float
    public var max: Float
    public init(min: Float, max: Float) {
        self.min = min
        self.max = max
    }
}

/// How calibration turns observed values into a range.
public enum CalibrationMethod: Sendable, Equatable {
    /// The smallest and largest value seen over all samples.
    case minMax
    /// Cuts `(100 − p) %` of the values off *each* tail: `min` is the value at quantile
    /// `1 − p/100`, `max` the value at quantile `p/100` of all values the tensor took over all
    /// samples (nearest rank: index `round(q · (n − 1))` of the sorted values). `p` in `(50, 100]`;
    /// `percentile(100)` equals `minMax`. Example: 10 000 values 1…10 000 with `percentile(99.9)`
    /// → index `round(0.001 · 9999) = 10` → min 11, index `round(0.999 · 9999) = 9989` → max 9990.
    case percentile(Double)
}

/// Per-tensor ranges of every activation of a float graph, observed on sample inputs.
///
/// ```swift
/// let fi = try FloatInterpreter(graph: g)
/// let cal = try Calibration.collect(graph: g, samples: csv.rows, method: .minMax, evaluate: fi.runAll)
/// ```
public struct Calibration: Sendable, Equatable {
    /// Range of each activation tensor (graph inputs and node outputs) by name.
    public var ranges: [String: TensorRange]
    /// Number of samples that were run.
    public var sampleCount: Int
    public var method: CalibrationMethod

    public init(ranges: [String: TensorRange], sampleCount: Int, method: CalibrationMethod = .minMax) {
        self.ranges = ranges
        self.sampleCount = sampleCount
        self.method = method
    }

    /// The range of `tensor`, or an error naming it.
    public func range(of tensor: String) throws -> TensorRange {
        guard let r = ranges[tensor] else { throw SmeltError("tensor \"\(tensor)\" has no calibration range") }
        return r
    }

    /// Runs the float graph over `samples` and records the range of every activation tensor.
    /// A sample holds one value per element of the graph's input; with several inputs, the
    /// inputs' flattened elements concatenated in `graph.inputs` order (inputs `a` [2] and `b`
    /// [3]: a sample `[a0, a1, b0, b1, b2]`).
    ///
    /// `evaluate` maps named inputs to the value of every tensor — pass
    /// `FloatInterpreter(graph:).runAll(inputs:)` (SmeltQuant cannot depend on SmeltEmulator, which
    /// depends on it). Throws on no samples, a sample of the wrong width (naming its 1-based
    /// index), a non-finite sample value, or a non-finite activation.
    public static func collect(graph: Graph, samples: [[Float]], method: CalibrationMethod = .minMax,
                               evaluate: ([String: [Float]]) throws -> [String: [Float]]) throws -> Calibration {
        let g = try graph.verified()
        if case .percentile(let p) = method, !(p > 50 && p <= 100) {
            throw SmeltError("calibration percentile \(p) must be in (50, 100]")
        }
        guard !samples.isEmpty else { throw SmeltError("calibration needs at least one sample") }
        let inputs = try g.inputs.map { try g.requireTensor($0) }
        let width = inputs.reduce(0) { $0 + $1.elementCount }
        let needs = inputs.count == 1 ? "input \"\(inputs[0].name)\" needs \(width)"
            : "inputs \(inputs.map { "\"\($0.name)\"" }.joined(separator: ", ")) need \(width) together"
        let activations = g.inputs + g.nodes.map(\.output)
        var mins: [String: Float] = [:], maxs: [String: Float] = [:]
        var all: [String: [Float]] = [:]
        for (k, sample) in samples.enumerated() {
            guard sample.count == width else {
                throw SmeltError("calibration sample \(k + 1) has \(sample.count) values, \(needs)")
            }
            if let j = sample.firstIndex(where: { !$0.isFinite }) {
                throw SmeltError("calibration sample \(k + 1), value \(j + 1) is not finite")
            }
            var feed: [String: [Float]] = [:]
            var start = 0
            for t in inputs {
                feed[t.name] = Array(sample[start..<start + t.elementCount])
                start += t.elementCount
            }
            let values = try evaluate(feed)
            for name in activations {
                guard let v = values[name] else { throw SmeltError("tensor \"\(name)\" was not computed during calibration") }
                if v.contains(where: { !$0.isFinite }) {
                    throw SmeltError("tensor \"\(name)\" is not finite on calibration sample \(k + 1)")
                }
                if case .percentile = method { all[name, default: []].append(contentsOf: v) }
                if let lo = v.min(), let hi = v.max() {
                    mins[name] = Swift.min(mins[name] ?? lo, lo)
                    maxs[name] = Swift.max(maxs[name] ?? hi, hi)
                }
            }
        }
        var ranges: [String: TensorRange] = [:]
        for name in activations {
            guard let lo = mins[name], let hi = maxs[name] else { continue }
            if case .percentile(let p) = method, let values = all[name] {
                ranges[name] = percentileRange(values, p)
            } else {
                ranges[name] = TensorRange(min: lo, max: hi)
            }
        }
        return Calibration(ranges: ranges, sampleCount: samples.count, method: method)
    }

    /// The `[quantile 1 − p/100, quantile p/100]` range of `values` (see `CalibrationMethod.percentile`).
    public static func percentileRange(_ values: [Float], _ p: Double) -> TensorRange {
        let sorted = values.sorted()
        let n = sorted.count
        let q = p / 100
        let lo = Int(((1 - q) * Double(n - 1)).rounded())
        let hi = Int((q * Double(n - 1)).rounded())
        return TensorRange(min: sorted[Swift.max(0, Swift.min(lo, n - 1))], max: sorted[Swift.max(0, Swift.min(hi, n - 1))])
    }
}
