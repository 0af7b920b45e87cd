/// The fixed vocabulary of the catalog: sensor kinds, the units each may report in, and the RDF
/// namespaces the export uses.
///
/// Units are OM-2 local names (`degreeCelsius` is `om:degreeCelsius`), so a description's unit
/// maps to an OM-2 IRI without a table. Memory is always in bytes (`om:byte`), clocks in `om:hertz`.
public enum Vocabulary {
    /// One kind of sensor: the word used in descriptions, its RDF class in the `nn:` namespace
    /// (a subclass of `sosa:Sensor`), the `sosa:ObservableProperty` it observes and its units.
    public struct SensorKind: Sendable, Equatable {
        public var name: String
        public var rdfClass: String
        public var observes: String
        public var units: [String]
    }

    /// Every sensor kind a description may name, sorted by name.
    public static let sensorKinds: [SensorKind] = [
        SensorKind(name: "accelerometer", rdfClass: "Accelerometer", observes: "Acceleration", units: ["metrePerSecond-TimeSquared", "standardAccelerationOfGravity"]),
        SensorKind(name: "barometer", rdfClass: "Barometer", observes: "AirPressure", units: ["pascal", "hectopascal"]),
        SensorKind(name: "camera", rdfClass: "Camera", observes: "Image", units: ["one"]),
        SensorKind(name: "co2", rdfClass: "CO2Sensor", observes: "CO2Concentration", units: ["partsPerMillion"]),
        SensorKind(name: "encoder", rdfClass: "AngleEncoder", observes: "Angle", units: ["radian", "degree"]),
        SensorKind(name: "gyroscope", rdfClass: "Gyroscope", observes: "AngularVelocity", units: ["radianPerSecond-Time", "degreePerSecond-Time"]),
        SensorKind(name: "hygrometer", rdfClass: "Hygrometer", observes: "RelativeHumidity", units: ["percent"]),
        SensorKind(name: "light", rdfClass: "LightSensor", observes: "Illuminance", units: ["lux"]),
        SensorKind(name: "magnetometer", rdfClass: "Magnetometer", observes: "MagneticFluxDensity", units: ["microtesla", "tesla"]),
        SensorKind(name: "microphone", rdfClass: "Microphone", observes: "Sound", units: ["pascal", "decibel", "one"]),
        SensorKind(name: "thermometer", rdfClass: "Thermometer", observes: "Temperature", units: ["degreeCelsius", "kelvin"]),
    ]

    /// The sensor kind called `name`, if any.
    public static func sensorKind(_ name: String) -> SensorKind? { sensorKinds.first { $0.name == name } }

    /// Every unit any sensor kind accepts.
    public static var units: Set<String> { Set(sensorKinds.flatMap(\.units)) }

    /// Training-step arithmetic: `float32` needs an FPU, `fixed-point` (int32 Q-format) does not.
    public static let trainingArithmetic = ["float32", "fixed-point"]

    // MARK: namespaces

    /// Smelt's own small TinyML / neural-network vocabulary (classes and properties; see docs/catalog.md).
    public static let nn = "https://w3id.org/smelt/nn#"
    /// Where catalog instances live: `<base>model/NAME`, `<base>device/NAME`, `<base>board/NAME`.
    public static let instanceBase = "https://w3id.org/smelt/catalog/"
    public static let td = "https://www.w3.org/2019/wot/td#"
    public static let sosa = "http://www.w3.org/ns/sosa/"
    public static let ssn = "http://www.w3.org/ns/ssn/"
    public static let schema = "https://schema.org/"
    public static let om = "http://www.ontology-of-units-of-measure.org/resource/om-2/"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// Prefixes in the order Turtle and JSON-LD output declare them.
    public static let prefixes: [(String, String)] = [
        ("nn", nn), ("td", td), ("sosa", sosa), ("ssn", ssn), ("schema", schema), ("om", om),
        ("rdf", rdf), ("rdfs", rdfs), ("xsd", xsd),
    ]

    /// The JSON-LD `@context` written at the top of every `*.model.jsonld` / `*.device.jsonld`:
    /// prefixes plus one IRI per term, so the files are JSON-LD as well as plain JSON.
    public static var fileContext: JSON {
        var members: [(String, JSON)] = prefixes.filter { $0.0 != "rdf" && $0.0 != "rdfs" }.map { ($0.0, .string($0.1)) }
        members.append(("@vocab", .string(nn)))
        members.append(("id", .string("@id")))
        members.append(("type", .string("@type")))
        members.append(("name", .string("schema:name")))
        members.append(("description", .string("schema:description")))
        members.append(("shape", .object([("@id", .string("nn:shape")), ("@container", .string("@list"))])))
        members.append(("inputShape", .object([("@id", .string("nn:inputShape")), ("@container", .string("@list"))])))
        members.append(("outputShape", .object([("@id", .string("nn:outputShape")), ("@container", .string("@list"))])))
        members.append(("classes", .object([("@id", .string("nn:classLabel")), ("@container", .string("@list"))])))
        members.append(("location", .string("schema:location")))
        members.append(("latitude", .string("schema:latitude")))
        members.append(("longitude", .string("schema:longitude")))
        return .object(members)
    }
}
