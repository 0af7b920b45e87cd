import SmeltIR

/// Reads the members of a JSON object, throwing errors that name the file and the field:
/// `fleet/models/x.model.jsonld: field "input.sensors[0].unit": "lux" is not a unit of a thermometer`.
struct Fields {
    let json: JSON
    let file: String
    /// Dotted path of this object inside the document ("" at the top).
    let path: String

    init(_ json: JSON, file: String, path: String = "") throws {
        self.json = json
        self.file = file
        self.path = path
        guard case .object = json else {
            throw catalogError(file, path.isEmpty ? "the description must be a JSON object" : "field \"\(path)\" must be an object, got \(json.typeName)")
        }
    }

    func fieldName(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> SmeltError {
        catalogError(file, "field \"\(fieldName(key))\": \(message)")
    }

    func has(_ key: String) -> Bool { json[key] != nil }

    func raw(_ key: String) throws -> JSON {
        guard let v = json[key], v != .null else { throw error(key, "missing") }
        return v
    }

    func string(_ key: String) throws -> String {
        guard case .string(let s) = try raw(key) else { throw error(key, "must be a string, got \(try raw(key).typeName)") }
        guard !s.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func optionalString(_ key: String) throws -> String? { has(key) ? try string(key) : nil }

    func int(_ key: String, min: Int? = nil) throws -> Int {
        let v = try raw(key)
        guard case .int(let i) = v else { throw error(key, "must be an integer, got \(v.typeName == "a number" ? "a fraction" : v.typeName)") }
        if let m = min, i < m {
            throw error(key, m == 0 ? "must not be negative, got \(i)" : "must be at least \(m), got \(i)")
        }
        return i
    }

    func double(_ key: String) throws -> Double {
        switch try raw(key) {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case let v: throw error(key, "must be a number, got \(v.typeName)")
        }
    }

    func optionalDouble(_ key: String) throws -> Double? { has(key) ? try double(key) : nil }

    func bool(_ key: String) throws -> Bool {
        guard case .bool(let b) = try raw(key) else { throw error(key, "must be true or false, got \(try raw(key).typeName)") }
        return b
    }

    func array(_ key: String) throws -> [JSON] {
        guard case .array(let a) = try raw(key) else { throw error(key, "must be an array, got \(try raw(key).typeName)") }
        return a
    }

    func object(_ key: String) throws -> Fields { try Fields(try raw(key), file: file, path: fieldName(key)) }

    func optionalObject(_ key: String) throws -> Fields? { has(key) ? try object(key) : nil }

    /// The objects of array `key`, each with its path (`layers[3]`).
    func objects(_ key: String) throws -> [Fields] {
        try array(key).enumerated().map { try Fields($0.element, file: file, path: "\(fieldName(key))[\($0.offset)]") }
    }

    func strings(_ key: String) throws -> [String] {
        try array(key).enumerated().map { i, v in
            guard case .string(let s) = v else { throw error("\(key)[\(i)]", "must be a string, got \(v.typeName)") }
            return s
        }
    }

    /// A shape: a non-empty array of positive integers.
    func shape(_ key: String) throws -> [Int] {
        let items = try array(key)
        guard !items.isEmpty else { throw error(key, "must not be empty") }
        return try items.map { v in
            guard case .int(let i) = v, i > 0 else { throw error(key, "must hold positive integers, got \(v)") }
            return i
        }
    }
}
