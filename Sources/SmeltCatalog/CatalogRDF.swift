/// Turns a catalog into RDF with public vocabularies (W3C WoT TD, SOSA/SSN, schema.org, OM-2)
/// plus Smelt's `nn:` vocabulary, whose classes and properties are declared in the same graph.
/// The shapes of the nodes are documented in docs/catalog.md; docs/sparql/*.rq query them.
public enum CatalogRDF {
    public static func graph(_ catalog: Catalog) -> RDFGraph {
        var g = RDFGraph()
        vocabulary(&g)
        for b in catalog.usedBoards { board(b, &g) }
        for m in catalog.models { model(m, &g) }
        for d in catalog.devices { device(d, &g) }
        return g
    }

    static let nn = Vocabulary.nn, om = Vocabulary.om, schema = Vocabulary.schema, sosa = Vocabulary.sosa
    static let td = Vocabulary.td, rdfType = Vocabulary.rdf + "type", rdfs = Vocabulary.rdfs

    public static func modelIRI(_ name: String) -> String { Vocabulary.instanceBase + "model/" + name }
    public static func deviceIRI(_ name: String) -> String { Vocabulary.instanceBase + "device/" + name }
    public static func boardIRI(_ name: String) -> String { Vocabulary.instanceBase + "board/" + name }

    /// Declares the sensor-kind classes (subclasses of `sosa:Sensor`, labelled with the kind's
    /// name) and the observable properties they observe.
    static func vocabulary(_ g: inout RDFGraph) {
        for k in Vocabulary.sensorKinds {
            let c = nn + k.rdfClass
            g.add(c, rdfType, .iri(Vocabulary.rdfs + "Class"))
            g.add(c, rdfs + "subClassOf", .iri(sosa + "Sensor"))
            g.add(c, rdfs + "label", .string(k.name))
            g.add(c, nn + "observes", .iri(nn + k.observes))
            g.add(nn + k.observes, rdfType, .iri(sosa + "ObservableProperty"))
        }
    }

    /// An `om:Measure` node: value and unit.
    static func measure(_ iri: String, _ value: Int, unit: String, _ g: inout RDFGraph) {
        g.add(iri, rdfType, .iri(om + "Measure"))
        g.add(iri, om + "hasNumericalValue", .integer(value))
        g.add(iri, om + "hasUnit", .iri(om + unit))
    }

    static func shape(_ s: [Int]) -> RDFGraph.Term { .string("[" + s.map(String.init).joined(separator: ",") + "]") }

    static func board(_ b: BoardSpec, _ g: inout RDFGraph) {
        let s = boardIRI(b.name)
        g.add(s, rdfType, .iri(nn + "Microcontroller"))
        g.add(s, schema + "name", .string(b.name))
        g.add(s, schema + "description", .string(b.description))
        g.add(s, nn + "core", .string(b.core))
        g.add(s, nn + "architecture", .string(b.architecture))
        g.add(s, nn + "clock", .iri(s + "/clock")); measure(s + "/clock", b.clockHz, unit: "hertz", &g)
        g.add(s, nn + "flashMemory", .iri(s + "/flash")); measure(s + "/flash", b.flashBytes, unit: "byte", &g)
        g.add(s, nn + "ramMemory", .iri(s + "/ram")); measure(s + "/ram", b.ramBytes, unit: "byte", &g)
        g.add(s, nn + "hasFPU", .boolean(b.fpu))
        g.add(s, nn + "hasDSP", .boolean(b.dsp))
    }

    static func model(_ m: ModelDescription, _ g: inout RDFGraph) {
        let s = modelIRI(m.name)
        g.add(s, rdfType, .iri(nn + "NeuralNetwork"))
        g.add(s, schema + "name", .string(m.name))
        g.add(s, schema + "identifier", .string(m.id))
        if let d = m.description { g.add(s, schema + "description", .string(d)) }
        g.add(s, nn + "task", .string(m.task))
        g.add(s, nn + "quantization", .string(m.quantization))
        g.add(s, nn + "macs", .integer(m.macs))
        g.add(s, nn + "requiresFlash", .iri(s + "/flash")); measure(s + "/flash", m.flashBytes, unit: "byte", &g)
        g.add(s, nn + "requiresRAM", .iri(s + "/ram")); measure(s + "/ram", m.ramBytes, unit: "byte", &g)
        g.add(s, nn + "arenaMemory", .iri(s + "/arena")); measure(s + "/arena", m.arenaBytes, unit: "byte", &g)
        g.add(s, nn + "smeltVersion", .string(m.smeltVersion))
        g.add(s, nn + "generatedCSha256", .string(m.generatedCSha256))

        let i = s + "/input"
        g.add(s, nn + "hasInput", .iri(i))
        g.add(i, rdfType, .iri(nn + "InputDescription"))
        g.add(i, schema + "name", .string(m.input.name))
        g.add(i, nn + "shape", shape(m.input.shape))
        g.add(i, nn + "dtype", .string(m.input.dtype))
        for (k, need) in m.input.sensors.enumerated() {
            let r = i + "/sensor/\(k)"
            let kind = Vocabulary.sensorKind(need.kind)!
            g.add(i, nn + "fedBy", .iri(r))
            g.add(r, rdfType, .iri(nn + "SensorRequirement"))
            g.add(r, nn + "sensorKind", .iri(nn + kind.rdfClass))
            g.add(r, om + "hasUnit", .iri(om + need.unit))
        }
        let o = s + "/output"
        g.add(s, nn + "hasOutput", .iri(o))
        g.add(o, rdfType, .iri(nn + "OutputDescription"))
        g.add(o, schema + "name", .string(m.output.name))
        g.add(o, nn + "shape", shape(m.output.shape))
        g.add(o, nn + "dtype", .string(m.output.dtype))
        for c in m.output.classes { g.add(o, nn + "classLabel", .string(c)) }

        for l in m.layers {
            let n = s + "/layer/\(l.index)"
            g.add(s, nn + "hasLayer", .iri(n))
            g.add(n, rdfType, .iri(nn + "Layer"))
            g.add(n, nn + "index", .integer(l.index))
            g.add(n, schema + "name", .string(l.name))
            g.add(n, nn + "layerType", .string(l.type))
            g.add(n, nn + "activation", .string(l.activation))
            g.add(n, nn + "inputShape", shape(l.inputShape))
            g.add(n, nn + "outputShape", shape(l.outputShape))
            g.add(n, nn + "quantization", .string(l.quantization))
            if let w = l.weights { g.add(n, nn + "weights", .string(w)) }
            g.add(n, nn + "macs", .integer(l.macs))
        }
        if let t = m.training {
            let n = s + "/training"
            g.add(s, nn + "hasTrainingStep", .iri(n))
            g.add(n, rdfType, .iri(nn + "TrainingStep"))
            g.add(n, nn + "arithmetic", .iri(nn + (t.arithmetic == "float32" ? "Float32" : "FixedPoint")))
            for l in t.layers { g.add(n, nn + "trainsLayer", .string(l)) }
            g.add(n, nn + "bufferMemory", .iri(n + "/buffer")); measure(n + "/buffer", t.bufferBytes, unit: "byte", &g)
        }
        if let a = m.accuracy {
            let n = s + "/metric"
            g.add(s, nn + "hasMetric", .iri(n))
            g.add(n, rdfType, .iri(nn + "Metric"))
            g.add(n, schema + "name", .string(a.metric))
            g.add(n, schema + "value", .double(a.value))
            if let d = a.dataset { g.add(n, nn + "dataset", .string(d)) }
        }
    }

    static func device(_ d: DeviceDescription, _ g: inout RDFGraph) {
        let s = deviceIRI(d.name)
        g.add(s, rdfType, .iri(td + "Thing"))
        g.add(s, rdfType, .iri(sosa + "Platform"))
        g.add(s, td + "title", .string(d.name))
        g.add(s, schema + "name", .string(d.name))
        g.add(s, nn + "hasMicrocontroller", .iri(boardIRI(d.board)))
        let place = s + "/location"
        g.add(s, schema + "location", .iri(place))
        g.add(place, rdfType, .iri(schema + "Place"))
        g.add(place, schema + "name", .string(d.location.name))
        if let la = d.location.latitude { g.add(place, schema + "latitude", .double(la)) }
        if let lo = d.location.longitude { g.add(place, schema + "longitude", .double(lo)) }
        for sensor in d.sensors {
            let kind = Vocabulary.sensorKind(sensor.kind)!
            let n = s + "/sensor/" + sensor.name
            g.add(s, sosa + "hosts", .iri(n))
            g.add(s, Vocabulary.ssn + "hasSubSystem", .iri(n))
            g.add(n, rdfType, .iri(sosa + "Sensor"))
            g.add(n, rdfType, .iri(nn + kind.rdfClass))
            g.add(n, schema + "name", .string(sensor.name))
            g.add(n, sosa + "isHostedBy", .iri(s))
            g.add(n, sosa + "observes", .iri(nn + kind.observes))
            g.add(n, om + "hasUnit", .iri(om + sensor.unit))
            let p = s + "/property/" + sensor.name
            g.add(s, td + "hasPropertyAffordance", .iri(p))
            g.add(p, rdfType, .iri(td + "PropertyAffordance"))
            g.add(p, td + "name", .string(sensor.name))
            g.add(p, td + "title", .string("\(sensor.kind) reading in \(sensor.unit)"))
            g.add(p, nn + "readsSensor", .iri(n))
        }
    }
}
