import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltLearn
import SmeltPasses
import SmeltQuant
@testable import SmeltTargets

/// A run of the generated training step: a quantized model, its trainable layers, samples, and
/// the Swift runtime's answer (predictions before each step, parameters after the last) to
/// compare the C with, on the host and under QEMU.
struct LearnScenario {
    var generated: GeneratedC
    var head: QuantizedHead
    /// Quantized inputs and the label (classification) or target (regression) of every step.
    var inputs: [[Int32]]
    var labels: [Int]
    var targets: [[Float]]
    var arithmetic: LearnArithmetic
    var learningRate: Double

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples")

    /// `Examples/NAME/NAME.json`, quantized (int8 by default) with its calibration rows.
    static func quantized(_ example: String, scheme: Scheme = .int8) throws -> Graph {
        let dir = examples.appendingPathComponent(example)
        let float = try Pipeline.standard(ModelFile.load(path: dir.appendingPathComponent("\(example).json").path))
        let rows = try CSVData(path: dir.appendingPathComponent("calibration.csv").path).rows
        return try Quantizer.quantize(graph: float, calibration: try Calibration.collect(graph: float, samples: rows), scheme: scheme)
    }

    /// Digits, head `fc`, the first `steps` training rows with their labels.
    static func digits(_ arithmetic: LearnArithmetic, steps: Int = 100, learningRate: Double = 0.002,
                       scheme: Scheme = .int8) throws -> LearnScenario {
        let q = try quantized("digits", scheme: scheme)
        var options = EmitOptions()
        options.trainable = ["fc"]
        options.learnArithmetic = arithmetic
        options.learningRate = learningRate
        let csv = try CSVData(path: examples.appendingPathComponent("digits/train.csv").path)
        let rows = Array(csv.rows.prefix(steps))
        return LearnScenario(
            generated: try CEmitter.emit(graph: q, name: "digits", options: options),
            head: try QuantizedHead.split(quantized: q, trainable: ["fc"]),
            inputs: try rows.map { try q.quantizeInput(Array($0.prefix(64))) }, labels: rows.map { Int($0[64]) },
            targets: [], arithmetic: arithmetic, learningRate: learningRate)
    }

    /// Presence (Examples/presence), head fc2+fc3: the 200-sample recovery stream of
    /// `smelt presence drift` (building 3 at day 90, seed 2 + 102), learning rate 0.01.
    static func presence(_ arithmetic: LearnArithmetic) throws -> LearnScenario {
        let q = try quantized("presence")
        var options = EmitOptions()
        options.trainable = ["fc2", "fc3"]
        options.learnArithmetic = arithmetic
        options.learningRate = 0.01
        let stream = PresenceGenerator.samples(count: 200, building: .drawn(index: 3, seed: 7), days: 90...90, seed: 2 &+ 102)
        return LearnScenario(
            generated: try CEmitter.emit(graph: q, name: "presence", options: options),
            head: try QuantizedHead.split(quantized: q, trainable: ["fc2", "fc3"]),
            inputs: try stream.map { try q.quantizeInput($0.input) },
            labels: stream.map { if case .label(let k) = $0.target { return k }; return -1 },
            targets: [], arithmetic: arithmetic, learningRate: 0.01)
    }

    /// Sine, the given layers trainable, learning sin(x) + 0.25 (a drifted target) by MSE.
    static func sine(_ arithmetic: LearnArithmetic, layers: [String], steps: Int = 100, learningRate: Double = 0.01) throws -> LearnScenario {
        let q = try quantized("sine")
        var options = EmitOptions()
        options.trainable = layers
        options.learnArithmetic = arithmetic
        options.learningRate = learningRate
        let xs = (0..<steps).map { Float(Double(($0 * 37) % 100) * 2 * Double.pi / 100) }
        return LearnScenario(
            generated: try CEmitter.emit(graph: q, name: "sine", options: options),
            head: try QuantizedHead.split(quantized: q, trainable: layers),
            inputs: try xs.map { try q.quantizeInput([$0]) }, labels: [],
            targets: xs.map { [Float(sin(Double($0)) + 0.25)] }, arithmetic: arithmetic, learningRate: learningRate)
    }

    var classify: Bool { !labels.isEmpty }

    /// The Swift runtime's predictions (before each step) and final parameters as raw 32-bit words
    /// (float bit patterns or Q7.24 integers).
    func swiftRun() throws -> (predictions: [Int], parameters: [UInt32]) {
        let features: [[Int32]]
        if let backbone = head.backbone {
            let interpreter = try IntegerInterpreter(graph: backbone)
            features = try inputs.map { try interpreter.run($0) }
        } else {
            features = inputs
        }
        var predictions: [Int] = []
        switch arithmetic {
        case .float32:
            var learner = try OnlineLearner(layers: head.layers, loss: head.loss, learningRate: Float(learningRate))
            for (k, fq) in features.enumerated() {
                let x = head.features(fq)
                predictions.append(learner.predict(x))
                if classify { try learner.learn(x, label: labels[k]) } else { try learner.learn(x, target: targets[k]) }
            }
            return (predictions, learner.parameters.map(\.bitPattern))
        case .fixedPoint:
            var learner = try FixedPointLearner(layers: head.layers, loss: head.loss, learningRate: learningRate)
            for (k, fq) in features.enumerated() {
                let x = head.fixedFeatures(fq)
                if classify {
                    predictions.append(try learner.learn(x, label: labels[k]))
                } else {
                    predictions.append(try learner.learn(x, target: targets[k].map { LearnMath.fromFloat(Double($0)) }))
                }
            }
            return (predictions, learner.parameters.map { UInt32(bitPattern: $0) })
        }
    }

    /// The input file of the C main: per step the input (io_t elements, little endian), then one
    /// int32 label or the targets as 32-bit words (float bits or Q7.24).
    func inputFile() -> Data {
        var d = Data()
        func word(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        let ioBytes = head.featureType.byteWidth
        for (k, x) in inputs.enumerated() {
            for v in x {
                if ioBytes == 1 { d.append(UInt8(bitPattern: Int8(v))) } else { withUnsafeBytes(of: Int16(v).littleEndian) { d.append(contentsOf: $0) } }
            }
            if classify {
                word(UInt32(bitPattern: Int32(labels[k])))
            } else {
                for t in targets[k] { word(arithmetic == .float32 ? t.bitPattern : UInt32(bitPattern: LearnMath.fromFloat(Double(t)))) }
            }
        }
        return d
    }

    /// Parses the C main's output: `p N` per step, then `w` lines of parameter words.
    static func parse(_ text: String) -> (predictions: [Int], parameters: [UInt32]) {
        var predictions: [Int] = [], parameters: [UInt32] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == "p", parts.count == 2, let v = Int(parts[1]) { predictions.append(v) }
            if parts.first == "w" { parameters += parts.dropFirst().compactMap { Int64($0) }.map { UInt32(truncatingIfNeeded: $0) } }
        }
        return (predictions, parameters)
    }

    /// Largest |c − s| over the parameters divided by the largest |s| (float words only).
    static func relativeError(_ c: [UInt32], _ s: [UInt32]) -> Double {
        let a = c.map { Double(Float(bitPattern: $0)) }, b = s.map { Double(Float(bitPattern: $0)) }
        let scale = b.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
}
