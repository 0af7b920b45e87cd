import SmeltEmulator
import SmeltQuant
import SmeltIR

/// The `Examples/presence` experiment: a presence model trained in the reference building is
/// deployed, int8, in another building whose sensors drift; its head learns on the device one
/// labelled sample at a time (frozen int8 backbone, `QuantizedHead`), and is compared with the
/// frozen model.
///
/// Two measurements, both on the device's arithmetic (`FixedPointLearner`, Q7.24, or `OnlineLearner`):
/// - **recovery**: at day `driftDay` the frozen model has lost accuracy; the head learns from
///   `recoverySamples` labelled samples of that day, and after every `evaluateEvery` of them its
///   accuracy is measured on `testCount` fresh samples of that day. Recovered fraction =
///   (after − drifted) / (source − drifted), with `source` the accuracy in the reference building.
/// - **timeline**: days 0 … `days`; each day the learning device sees `perDay` labelled samples
///   (learning from each after predicting it); both models are scored on `testPerDay` fresh
///   samples of that day.
public struct PresenceExperiment: Sendable {
    public var building: PresenceGenerator.Building
    public var drift = PresenceGenerator.Drift()
    public var driftDay = 90.0
    public var recoverySamples = 200
    public var evaluateEvery = 10
    public var testCount = 1000
    public var days = 90
    public var perDay = 4
    public var testPerDay = 200
    public var learningRate = 0.01
    public var fixedPoint = true
    public var seed: UInt64 = 2

    public init(building: PresenceGenerator.Building) { self.building = building }

    /// What `run` measured.
    public struct Result: Sendable {
        /// Accuracy of the deployed int8 model in the reference building (no drift).
        public var source: Double
        /// Frozen model on the drifted building at `driftDay`.
        public var drifted: Double
        /// `(samples learned, accuracy)` at day `driftDay`, from 0 to `recoverySamples`.
        public var recovery: [(samples: Int, accuracy: Double)]
        /// `(day, frozen accuracy, learning accuracy)`.
        public var timeline: [(day: Int, frozen: Double, learning: Double)]

        /// Share of the lost accuracy regained after all recovery samples.
        public var recoveredFraction: Double {
            let lost = source - drifted
            return lost > 0 ? ((recovery.last?.accuracy ?? drifted) - drifted) / lost : 1
        }
    }

    /// A learner over the head of `quantized`, with the features it needs.
    struct Device {
        let head: QuantizedHead
        let backbone: IntegerInterpreter?
        let graph: Graph
        var fixed: FixedPointLearner?
        var float: OnlineLearner?

        func features(_ x: [Float]) throws -> [Int32] {
            let q = try graph.quantizeInput(x)
            return try backbone?.run(q) ?? q
        }

        func predict(_ x: [Float]) throws -> Int {
            let f = try features(x)
            if let fixed { return fixed.predict(head.fixedFeatures(f)) }
            return float!.predict(head.features(f))
        }

        mutating func learn(_ s: Sample) throws {
            guard case .label(let k) = s.target else { return }
            let f = try features(s.input)
            if fixed != nil { try fixed!.learn(head.fixedFeatures(f), label: k) } else { try float!.learn(head.features(f), label: k) }
        }

        func accuracy(_ samples: [Sample]) throws -> Double {
            var correct = 0
            for s in samples { if case .label(let k) = s.target, try predict(s.input) == k { correct += 1 } }
            return Double(correct) / Double(samples.count)
        }
    }

    func device(_ quantized: Graph, head name: [String]) throws -> Device {
        let head = try QuantizedHead.split(quantized: quantized, trainable: name)
        return Device(head: head, backbone: try head.backbone.map { try IntegerInterpreter(graph: $0) }, graph: quantized,
                      fixed: fixedPoint ? try FixedPointLearner(layers: head.layers, loss: head.loss, learningRate: learningRate) : nil,
                      float: fixedPoint ? nil : try OnlineLearner(layers: head.layers, loss: head.loss, learningRate: Float(learningRate)))
    }

    /// Runs both measurements on the int8 model `quantized` whose layers `head` learn.
    public func run(quantized: Graph, head: [String]) throws -> Result {
        let frozen = try device(quantized, head: head)
        let sourceTest = PresenceGenerator.samples(count: testCount, building: .reference, days: 0...0, drift: .none, seed: seed &+ 100)
        let day = driftDay...driftDay
        let driftTest = PresenceGenerator.samples(count: testCount, building: building, days: day, drift: drift, seed: seed &+ 101)
        let stream = PresenceGenerator.samples(count: recoverySamples, building: building, days: day, drift: drift, seed: seed &+ 102)
        var learning = frozen
        var recovery = [(samples: 0, accuracy: try frozen.accuracy(driftTest))]
        for (k, s) in stream.enumerated() {
            try learning.learn(s)
            if (k + 1) % evaluateEvery == 0 { recovery.append((k + 1, try learning.accuracy(driftTest))) }
        }

        var timeline: [(day: Int, frozen: Double, learning: Double)] = []
        var online = frozen
        for d in 0...days {
            let today = Double(d)...Double(d)
            let test = PresenceGenerator.samples(count: testPerDay, building: building, days: today, drift: drift, seed: seed &+ 1000 &+ UInt64(d))
            let labelled = PresenceGenerator.samples(count: perDay, building: building, days: today, drift: drift, seed: seed &+ 5000 &+ UInt64(d))
            timeline.append((d, try frozen.accuracy(test), try online.accuracy(test)))
            for s in labelled { try online.learn(s) }
        }
        return Result(source: try frozen.accuracy(sourceTest), drifted: recovery[0].accuracy, recovery: recovery, timeline: timeline)
    }

    /// Two charts: accuracy over the days with and without online learning, and the recovery curve.
    public static func svg(_ r: Result, perDay: Int, driftDay: Double) -> String {
        var over = SVGPlot(title: "Accuracy over time, drifting building (\(perDay) labels/day)",
                           xLabel: "day since deployment", yLabel: "accuracy (%)", yRange: 40...100)
        over.series.append(.init(name: "frozen int8 model", points: r.timeline.map { (Double($0.day), $0.frozen * 100) }, dashed: true))
        over.series.append(.init(name: "online learning (head)", points: r.timeline.map { (Double($0.day), $0.learning * 100) }))
        var rec = SVGPlot(title: "Recovery at day \(Int(driftDay)), one sample at a time",
                          xLabel: "labelled samples learned", yLabel: "accuracy (%)", yRange: 40...100)
        rec.series.append(.init(name: "online learning", points: r.recovery.map { (Double($0.samples), $0.accuracy * 100) }))
        rec.series.append(.init(name: "reference building (before drift)", points: [(0, r.source * 100), (Double(r.recovery.last!.samples), r.source * 100)], dashed: true))
        rec.series.append(.init(name: "frozen, drifted", points: [(0, r.drifted * 100), (Double(r.recovery.last!.samples), r.drifted * 100)], dashed: true))
        return SVGPlot.stack([over, rec])
    }
}
