import SmeltIR
import SmeltCodegen

/// Builds a `ModelDescription` from the quantized graph that was compiled and the C it compiled to.
///
/// Sensors, task and classes come from the options, else from the graph's metadata:
/// `task`, `classes` ("0,1,2"), `sensors` ("co2=partsPerMillion,thermometer=degreeCelsius").
public enum ModelDescriber {
    public struct Options: Sendable {
        public var sensors: [ModelDescription.SensorNeed]?
        public var task: String?
        public var description: String?
        public var accuracy: ModelDescription.Accuracy?
        public var training: ModelDescription.Training?
        public var smeltVersion: String
        public init(smeltVersion: String, sensors: [ModelDescription.SensorNeed]? = nil, task: String? = nil,
                    description: String? = nil, accuracy: ModelDescription.Accuracy? = nil,
                    training: ModelDescription.Training? = nil) {
            self.smeltVersion = smeltVersion; self.sensors = sensors; self.task = task
            self.description = description; self.accuracy = accuracy; self.training = training
        }
    }

    /// Describes `generated`, the C emitted for the quantized `graph`.
    public static func describe(graph: Graph, generated: GeneratedC, options: Options) throws -> ModelDescription {
        let g = try graph.verified()
        guard let inName = g.inputs.first, let outName = g.outputs.first else {
            throw SmeltError("graph \"\(g.name)\": a model description needs one input and one output")
        }
        let input = try g.requireTensor(inName), output = try g.requireTensor(outName)
        let sensors = try options.sensors ?? parseSensors(g.metadata["sensors"] ?? "")
        for s in sensors {
            guard let k = Vocabulary.sensorKind(s.kind) else { throw SmeltError("unknown sensor kind \"\(s.kind)\"") }
            guard k.units.contains(s.unit) else { throw SmeltError("sensor \(s.kind): unit \"\(s.unit)\" is not one of \(k.units.joined(separator: ", "))") }
        }
        let classes = (g.metadata["classes"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let report = generated.report
        var layers: [ModelDescription.Layer] = []
        for l in report.layers {
            guard let node = g.node(l.name) else { throw SmeltError("compile report names layer \"\(l.name)\", not in graph \"\(g.name)\"") }
            let first = try g.requireTensor(node.inputs[0])
            let out = try g.requireTensor(node.output)
            let weightTensors = node.op.weightInputPositions.prefix(1).compactMap { $0 < node.inputs.count ? g.tensor(node.inputs[$0]) : nil }
            let weights = weightTensors.first.map { w in "\(w.dtype.rawValue) \(w.quant?.isPerChannel == true ? "per-channel" : "per-tensor")" }
            layers.append(.init(index: l.index, name: l.name, type: l.op, activation: activation(node.op),
                                inputShape: first.shape, outputShape: out.shape, quantization: scheme(out),
                                weights: weights, macs: l.macs))
        }
        var macs = report.totalMACs, flash = report.flashBytes
        if let step = generated.learnStep {
            // `compile --trainable`: the report covers the frozen backbone; the trainable head and
            // what follows it run in the training step's arithmetic, its initial parameters in flash.
            let arithmetic = step.arithmetic == .float32 ? "float32" : "fixed-point"
            let covered = Set(report.layers.map(\.name))
            for node in g.nodes where !covered.contains(node.name) {
                let first = try g.requireTensor(node.inputs[0]), out = try g.requireTensor(node.output)
                var layerMACs = 0, weights: String? = nil
                if case .dense = node.op, node.inputs.count > 1 {
                    let w = try g.requireTensor(node.inputs[1])
                    layerMACs = w.elementCount
                    weights = arithmetic
                }
                macs += layerMACs
                layers.append(.init(index: layers.count, name: node.name, type: node.op.kind.rawValue, activation: activation(node.op),
                                    inputShape: first.shape, outputShape: out.shape, quantization: arithmetic,
                                    weights: weights, macs: layerMACs))
            }
            flash += step.initialBytes
        }
        let cHash = SHA256.hex(generated.files.map(\.contents).joined())
        let name = generated.name
        return ModelDescription(
            name: name, id: uuid(name: name, hash: cHash), task: options.task ?? g.metadata["task"] ?? "unspecified",
            description: options.description,
            input: .init(name: input.name, shape: input.shape, dtype: input.dtype.rawValue, sensors: sensors),
            output: .init(name: output.name, shape: output.shape, dtype: output.dtype.rawValue, classes: classes),
            quantization: g.metadata["quantization"] ?? scheme(input), layers: layers, macs: macs,
            flashBytes: flash, arenaBytes: report.arenaBytes, training: options.training,
            accuracy: options.accuracy, smeltVersion: options.smeltVersion, generatedCSha256: cHash)
    }

    /// `"co2=partsPerMillion, thermometer=degreeCelsius"` → sensor needs (empty text → none).
    public static func parseSensors(_ text: String) throws -> [ModelDescription.SensorNeed] {
        try text.split(separator: ",").map { item in
            let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw SmeltError("sensor \"\(item.trimmingCharacters(in: .whitespaces))\" must be KIND=UNIT (e.g. thermometer=degreeCelsius)")
            }
            return .init(kind: parts[0], unit: parts[1])
        }
    }

    /// A name-based UUID (version 8): the first 16 bytes of SHA-256("smelt-model\n" + name + "\n" + hash).
    static func uuid(name: String, hash: String) -> String {
        var b = SHA256.digest(Array("smelt-model\n\(name)\n\(hash)".utf8)).prefix(16).map { $0 }
        b[6] = (b[6] & 0x0F) | 0x80
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let c = Array(hex)
        return "urn:uuid:" + [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }

    private static func scheme(_ t: Tensor) -> String {
        switch t.dtype {
        case .int16: return "int16"
        case .int8: return t.quant?.fractionalBits != nil ? "pow2" : "int8"
        default: return t.dtype.rawValue
        }
    }

    private static func activation(_ op: Op) -> String {
        if let a = op.fusedActivation { return a.rawValue }
        switch op {
        case .relu: return "relu"
        case .relu6: return "relu6"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softmax: return "softmax"
        default: return "none"
        }
    }
}
