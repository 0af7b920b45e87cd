import SmeltIR

/// One deployed device: a board, the sensors wired to it, and where it is. Stored as
/// `devices/NAME.device.jsonld` (docs/catalog.md).
public struct DeviceDescription: Sendable, Equatable {
    public struct Sensor: Sendable, Equatable {
        /// Unique on the device (`co2`, `mic0`).
        public var name: String
        public var kind: String
        public var unit: String
        public init(name: String, kind: String, unit: String) { self.name = name; self.kind = kind; self.unit = unit }
    }

    public struct Location: Sendable, Equatable {
        public var name: String
        public var latitude: Double?
        public var longitude: Double?
        public init(name: String, latitude: Double? = nil, longitude: Double? = nil) {
            self.name = name; self.latitude = latitude; self.longitude = longitude
        }
    }

    public var name: String
    /// A bundled board (`cortex-m4`) or one in the catalog's `boards/` folder.
    public var board: String
    public var location: Location
    public var sensors: [Sensor]

    public init(name: String, board: String, location: Location, sensors: [Sensor]) {
        self.name = name; self.board = board; self.location = location; self.sensors = sensors
    }

    /// The sensor kinds present, each once, sorted.
    public var sensorKinds: [String] { Array(Set(sensors.map(\.kind))).sorted() }

    /// The `NAME.device.jsonld` document.
    public var json: JSON {
        var loc: [(String, JSON)] = [("type", .string("schema:Place")), ("name", .string(location.name))]
        if let la = location.latitude { loc.append(("latitude", .double(la))) }
        if let lo = location.longitude { loc.append(("longitude", .double(lo))) }
        return .object([
            ("@context", Vocabulary.fileContext),
            ("type", .array([.string("td:Thing"), .string("sosa:Platform")])),
            ("id", .string(Vocabulary.instanceBase + "device/" + name)),
            ("name", .string(name)),
            ("board", .string(board)),
            ("location", .object(loc)),
            ("sensors", .array(sensors.map { .object([("name", .string($0.name)), ("kind", .string($0.kind)), ("unit", .string($0.unit))]) })),
        ])
    }

    /// Reads and validates a device description (the board is checked by the catalog).
    public static func decode(_ json: JSON, file: String) throws -> DeviceDescription {
        let f = try Fields(json, file: file)
        let name = try f.string("name")
        guard isIdentifier(name) else { throw f.error("name", "\"\(name)\" must be letters, digits, '_' or '-'") }
        let loc = try f.object("location")
        func coordinate(_ key: String, _ limit: Double) throws -> Double? {
            guard let v = try loc.optionalDouble(key) else { return nil }
            guard abs(v) <= limit else { throw loc.error(key, "\(v) is outside ±\(Int(limit))") }
            return v
        }
        var seen: Set<String> = []
        let sensors = try f.objects("sensors").map { s -> Sensor in
            let n = try s.string("name")
            guard isIdentifier(n) else { throw s.error("name", "\"\(n)\" must be letters, digits, '_' or '-'") }
            guard seen.insert(n).inserted else { throw s.error("name", "sensor \"\(n)\" appears twice") }
            let (kind, unit) = try sensorKindAndUnit(s)
            return Sensor(name: n, kind: kind, unit: unit)
        }
        return DeviceDescription(
            name: name, board: try f.string("board"),
            location: Location(name: try loc.string("name"), latitude: try coordinate("latitude", 90), longitude: try coordinate("longitude", 180)),
            sensors: sensors)
    }
}
