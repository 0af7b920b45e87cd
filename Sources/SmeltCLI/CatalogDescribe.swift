import Foundation
import SmeltCatalog
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltTargets

/// `smelt catalog describe MODEL`: quantize, emit C in memory, and describe the result.
enum CatalogDescribe {
    static let referenceNames = (ReferenceModels.names + FleetModels.names).map { "reference:\($0)" }

    /// Options `smelt compile` shares for the `NAME.model.jsonld` it writes.
    static let compileOptions: [CommandSignature.Option] = [
        .value("sensor", valueName: "KIND=UNIT", help: "a sensor feeding the input, for NAME.model.jsonld (repeatable; default: the model's metadata \"sensors\")", repeatable: true),
        .value("task", valueName: "TEXT", help: "the model's task, for NAME.model.jsonld (default: the model's metadata \"task\")"),
    ]

    static let options: [CommandSignature.Option] = compileOptions + [
        .value("calibration", valueName: "CSV", help: "describe: calibration rows (default: 64 seeded uniform rows in [-1, 1])"),
        .value("scheme", valueName: "int8|int16|pow2", help: "describe: quantization scheme (default int8)"),
        .value("test", valueName: "CSV", help: "describe: measure int8 top-1 accuracy on rows with the label last"),
        .value("accuracy", valueName: "VALUE", help: "describe: a known figure for --metric"),
        .value("metric", valueName: "NAME", help: "describe: metric name for --accuracy"),
        .value("dataset", valueName: "TEXT", help: "describe: dataset the accuracy is measured on"),
        .value("trainable", valueName: "LAYER", help: "describe: a Dense layer the on-device training step updates", repeatable: true),
        .value("training", valueName: "float32|fixed-point", help: "describe: training-step arithmetic (default float32)"),
    ]

    static func describe(_ model: String, _ a: ParsedArguments) throws -> ModelDescription {
        let graph: Graph
        if model.hasPrefix("reference:") {
            let name = String(model.dropFirst("reference:".count))
            guard let g = try ReferenceModels.model(named: name) ?? FleetModels.model(named: name) else {
                throw UsageError("unknown reference model '\(name)' (\(referenceNames.joined(separator: ", ")))")
            }
            graph = g
        } else {
            graph = try ModelFile.load(path: model)
        }
        let scheme = Scheme(rawValue: try a.choice("scheme", of: Scheme.allCases.map(\.rawValue), default: "int8"))!
        let float = try Pipeline.standard(graph)
        let samples: [[Float]]
        if let path = a.value("calibration") {
            let n = float.tensor(float.inputs[0])?.elementCount
            samples = try CSVData(path: path, expectedColumns: n).rows
        } else {
            samples = ReferenceModels.samples(for: float, count: 64)
        }
        let calibration = try Calibration.collect(graph: float, samples: samples)
        let quantized = try Quantizer.quantize(graph: float, calibration: calibration, scheme: scheme)
        // --trainable: the same emission as `smelt compile --trainable`, so the description carries
        // the step's exact RAM (NAME_LEARN_RAM_BYTES) and the hash of the C compile writes.
        let trainable = a.values("trainable")
        var emit = EmitOptions()
        if !trainable.isEmpty {
            emit.trainable = trainable
            let arithmetic = try a.choice("training", of: ["float32", "fixed-point"], default: "float32")
            emit.learnArithmetic = arithmetic == "fixed-point" ? .fixedPoint : .float32
        } else if a.value("training") != nil {
            throw UsageError("--training needs --trainable LAYER")
        }
        let generated = try CEmitter.emit(graph: quantized, name: graph.name, options: emit)

        var options = ModelDescriber.Options(smeltVersion: SmeltCLI.version, task: a.value("task"))
        let sensors = a.values("sensor")
        if !sensors.isEmpty { options.sensors = try ModelDescriber.parseSensors(sensors.joined(separator: ",")) }
        if let test = a.value("test") {
            options.accuracy = .init(metric: "top-1 accuracy (\(scheme.rawValue))", value: try topOne(quantized, test),
                                     dataset: a.value("dataset") ?? URL(fileURLWithPath: test).lastPathComponent)
        } else if let text = a.value("accuracy") {
            guard let v = Double(text), v.isFinite else { throw UsageError("--accuracy expects a number, got '\(text)'") }
            guard let metric = a.value("metric") else { throw UsageError("--accuracy needs --metric NAME") }
            options.accuracy = .init(metric: metric, value: v, dataset: a.value("dataset"))
        }
        if let step = generated.learnStep {
            options.training = trainingInfo(step)
        }
        return try ModelDescriber.describe(graph: quantized, generated: generated, options: options)
    }

    /// `NAME.model.jsonld` for a model `smelt compile` just compiled (`--sensor`, `--task` apply).
    static func descriptionFile(for model: CompiledModel, _ a: ParsedArguments) throws -> (name: String, contents: Data) {
        var options = ModelDescriber.Options(smeltVersion: SmeltCLI.version, task: a.value("task"))
        let sensors = a.values("sensor")
        if !sensors.isEmpty { options.sensors = try ModelDescriber.parseSensors(sensors.joined(separator: ",")) }
        if let step = model.generated.learnStep { options.training = trainingInfo(step) }
        let d = try ModelDescriber.describe(graph: model.quantized, generated: model.generated, options: options)
        return ("\(model.name).model.jsonld", Data(d.json.printed().utf8))
    }

    /// The description's training entry from the generated step: its exact RAM (`NAME_LEARN_RAM_BYTES`).
    static func trainingInfo(_ step: TrainingStepInfo) -> ModelDescription.Training {
        .init(arithmetic: step.arithmetic == .float32 ? "float32" : "fixed-point", layers: step.layers, bufferBytes: step.ramBytes)
    }

    /// Fraction of `csv` rows (features then label) whose integer-model argmax equals the label.
    static func topOne(_ g: Graph, _ csv: String) throws -> Double {
        let n = g.tensor(g.inputs[0])?.elementCount ?? 0
        let (features, labels) = try CSVData(path: csv, expectedColumns: n + 1).splittingLabelColumn(.last)
        let interpreter = try IntegerInterpreter(graph: g)
        var correct = 0
        for (row, label) in zip(features.rows, labels) {
            let y = try interpreter.run(try g.quantizeInput(row))
            if let best = y.indices.max(by: { y[$0] < y[$1] || (y[$0] == y[$1] && $0 > $1) }), Float(best) == label { correct += 1 }
        }
        guard !labels.isEmpty else { throw SmeltError("\(csv): no rows") }
        return (Double(correct) / Double(labels.count) * 10000).rounded() / 10000
    }
}
