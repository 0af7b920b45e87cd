import SmeltIR

extension ModelDescription {
    /// The `NAME.model.jsonld` document.
    public var json: JSON {
        func ints(_ a: [Int]) -> JSON { .array(a.map { .int($0) }) }
        var m: [(String, JSON)] = [
            ("@context", Vocabulary.fileContext),
            ("type", .string("NeuralNetwork")),
            ("id", .string(id)),
            ("name", .string(name)),
            ("task", .string(task)),
        ]
        if let d = description { m.append(("description", .string(d))) }
        m.append(("input", .object([
            ("name", .string(input.name)), ("shape", ints(input.shape)), ("dtype", .string(input.dtype)),
            ("sensors", .array(input.sensors.map { .object([("kind", .string($0.kind)), ("unit", .string($0.unit))]) })),
        ])))
        m.append(("output", .object([
            ("name", .string(output.name)), ("shape", ints(output.shape)), ("dtype", .string(output.dtype)),
            ("classes", .array(output.classes.map { .string($0) })),
        ])))
        m.append(("quantization", .string(quantization)))
        m.append(("layers", .array(layers.map { l in
            var f: [(String, JSON)] = [
                ("index", .int(l.index)), ("name", .string(l.name)), ("layerType", .string(l.type)),
                ("activation", .string(l.activation)), ("inputShape", ints(l.inputShape)), ("outputShape", ints(l.outputShape)),
                ("quantization", .string(l.quantization)),
            ]
            if let w = l.weights { f.append(("weights", .string(w))) }
            f.append(("macs", .int(l.macs)))
            return .object(f)
        })))
        m.append(("macs", .int(macs)))
        m.append(("flashBytes", .int(flashBytes)))
        m.append(("ramBytes", .int(ramBytes)))
        m.append(("arenaBytes", .int(arenaBytes)))
        if let t = training {
            m.append(("training", .object([
                ("arithmetic", .string(t.arithmetic)), ("layers", .array(t.layers.map { .string($0) })),
                ("bufferBytes", .int(t.bufferBytes)),
            ])))
        }
        if let a = accuracy {
            var f: [(String, JSON)] = [("metric", .string(a.metric)), ("value", .double(a.value))]
            if let d = a.dataset { f.append(("dataset", .string(d))) }
            m.append(("accuracy", .object(f)))
        }
        m.append(("smeltVersion", .string(smeltVersion)))
        m.append(("generatedCSha256", .string(generatedCSha256)))
        return .object(m)
    }

    /// Reads and validates a model description; every error names `file` and the field.
    public static func decode(_ json: JSON, file: String) throws -> ModelDescription {
        let f = try Fields(json, file: file)
        if let t = try f.optionalString("type"), t != "NeuralNetwork" {
            throw f.error("type", "must be \"NeuralNetwork\" for a model, got \"\(t)\"")
        }
        let name = try f.string("name")
        guard isIdentifier(name) else { throw f.error("name", "\"\(name)\" must be letters, digits, '_' or '-'") }
        let id = try f.string("id")
        guard id.hasPrefix("urn:") || id.hasPrefix("http") else { throw f.error("id", "\"\(id)\" must be an IRI (urn:uuid:... or http...)") }

        let fi = try f.object("input")
        let sensors = try fi.objects("sensors").map { s -> SensorNeed in
            let (kind, unit) = try sensorKindAndUnit(s)
            return SensorNeed(kind: kind, unit: unit)
        }
        let input = Input(name: try fi.string("name"), shape: try fi.shape("shape"), dtype: try dtype(fi, "dtype"), sensors: sensors)
        let fo = try f.object("output")
        let output = Output(name: try fo.string("name"), shape: try fo.shape("shape"), dtype: try dtype(fo, "dtype"),
                            classes: fo.has("classes") ? try fo.strings("classes") : [])

        let layers = try f.objects("layers").map { l -> Layer in
            Layer(index: try l.int("index", min: 0), name: try l.string("name"), type: try l.string("layerType"),
                  activation: try l.string("activation"), inputShape: try l.shape("inputShape"),
                  outputShape: try l.shape("outputShape"), quantization: try l.string("quantization"),
                  weights: try l.optionalString("weights"), macs: try l.int("macs", min: 0))
        }
        var training: Training?
        if let t = try f.optionalObject("training") {
            let arithmetic = try t.string("arithmetic")
            guard Vocabulary.trainingArithmetic.contains(arithmetic) else {
                throw t.error("arithmetic", "\"\(arithmetic)\" must be one of \(Vocabulary.trainingArithmetic.joined(separator: ", "))")
            }
            training = Training(arithmetic: arithmetic, layers: try t.strings("layers"), bufferBytes: try t.int("bufferBytes", min: 0))
        }
        var accuracy: Accuracy?
        if let a = try f.optionalObject("accuracy") {
            let v = try a.double("value")
            guard v.isFinite else { throw a.error("value", "must be finite") }
            accuracy = Accuracy(metric: try a.string("metric"), value: v, dataset: try a.optionalString("dataset"))
        }
        let flash = try f.int("flashBytes", min: 0)
        let arena = try f.int("arenaBytes", min: 0)
        let ram = try f.int("ramBytes", min: 0)
        let expected = arena + (training?.bufferBytes ?? 0)
        guard ram == expected else {
            throw f.error("ramBytes", "is \(ram), but arenaBytes + training.bufferBytes = \(expected)")
        }
        let hash = try f.string("generatedCSha256")
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw f.error("generatedCSha256", "must be 64 lower-case hex digits")
        }
        return ModelDescription(
            name: name, id: id, task: try f.string("task"), description: try f.optionalString("description"),
            input: input, output: output, quantization: try f.string("quantization"), layers: layers,
            macs: try f.int("macs", min: 0), flashBytes: flash, arenaBytes: arena, training: training,
            accuracy: accuracy, smeltVersion: try f.string("smeltVersion"), generatedCSha256: hash)
    }

    private static func dtype(_ f: Fields, _ key: String) throws -> String {
        let d = try f.string(key)
        guard DType(rawValue: d) != nil else { throw f.error(key, "unknown dtype \"\(d)\"") }
        return d
    }
}

/// `kind` and `unit` of a sensor object, checked against the vocabulary.
func sensorKindAndUnit(_ s: Fields) throws -> (String, String) {
    let kind = try s.string("kind")
    guard let k = Vocabulary.sensorKind(kind) else {
        throw s.error("kind", "unknown sensor kind \"\(kind)\" (known: \(Vocabulary.sensorKinds.map(\.name).joined(separator: ", ")))")
    }
    let unit = try s.string("unit")
    guard k.units.contains(unit) else {
        let known = Vocabulary.units.contains(unit) ? "" : "unknown unit; "
        throw s.error("unit", "\"\(unit)\": \(known)a \(kind) reports in \(k.units.joined(separator: " or "))")
    }
    return (kind, unit)
}

/// Letters, digits, `_`, `-` and `.`: safe as a file name and inside an IRI.
func isIdentifier(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == "." }
        && !s.hasPrefix(".")
}
