/// Typed access to the members of one JSON object, with errors that name where the object is.
///
/// `context` is the prefix of every error: `tensor "fc1.weight"`, `node "c1"`, or empty for
/// the top-level object. Example error: `tensor "x": field "shape" must be an array of integers, got a string`.
struct JSONFields {
    let object: JSONObject
    let context: String

    init(_ object: JSONObject, context: String) {
        self.object = object
        self.context = context
    }

    /// An error prefixed by the context.
    func fail(_ what: String) -> SmeltError {
        SmeltError(context.isEmpty ? what : "\(context): \(what)")
    }

    /// Rejects members not in `allowed` (catches misspelt keys).
    func allowOnly(_ allowed: Set<String>, what: String = "field", of kind: OpKind? = nil) throws {
        if let k = object.keys.first(where: { !allowed.contains($0) }) {
            throw fail("unknown \(what) \"\(k)\"" + (kind.map { " for \($0.rawValue)" } ?? ""))
        }
    }

    private func typeError(_ key: String, _ expected: String, _ v: JSONValue) -> SmeltError {
        fail("field \"\(key)\" must be \(expected), got \(v.typeName)")
    }

    /// The value of `key`, or a "missing field" error.
    func required(_ key: String) throws -> JSONValue {
        guard let v = object[key] else { throw fail("missing field \"\(key)\"") }
        return v
    }

    /// The value of `key`, treating JSON `null` like an absent member.
    func optional(_ key: String) -> JSONValue? {
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws -> String {
        let v = try required(key)
        guard case .string(let s) = v else { throw typeError(key, "a string", v) }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        guard let v = optional(key) else { return nil }
        guard case .string(let s) = v else { throw typeError(key, "a string", v) }
        return s
    }

    func strings(_ key: String) throws -> [String] {
        let v = try required(key)
        guard case .array(let items) = v else { throw typeError(key, "an array of strings", v) }
        return try items.map { item in
            guard case .string(let s) = item else { throw typeError(key, "an array of strings", item) }
            return s
        }
    }

    func int(_ key: String) throws -> Int {
        let v = try required(key)
        return try Self.integer(v) ?? { throw typeError(key, "an integer", v) }()
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let v = optional(key) else { return nil }
        return try Self.integer(v) ?? { throw typeError(key, "an integer", v) }()
    }

    func ints(_ key: String) throws -> [Int] {
        let v = try required(key)
        guard case .array(let items) = v else { throw typeError(key, "an array of integers", v) }
        return try items.map { item in
            guard let i = Self.integer(item) else { throw typeError(key, "an array of integers", item) }
            return i
        }
    }

    func optionalInts(_ key: String) throws -> [Int]? {
        optional(key) == nil ? nil : try ints(key)
    }

    /// A finite float, parsed directly from the number's text (correctly rounded to `Float`).
    func optionalFloat(_ key: String) throws -> Float? {
        guard let v = optional(key) else { return nil }
        return try Self.float(v) ?? { throw typeError(key, "a finite number", v) }()
    }

    func floats(_ key: String) throws -> [Float] {
        let v = try required(key)
        guard case .array(let items) = v else { throw typeError(key, "an array of numbers", v) }
        return try items.map { item in
            guard let x = Self.float(item) else { throw typeError(key, "an array of finite numbers", item) }
            return x
        }
    }

    func object(_ key: String) throws -> JSONObject {
        let v = try required(key)
        guard case .object(let o) = v else { throw typeError(key, "an object", v) }
        return o
    }

    func optionalObject(_ key: String) throws -> JSONObject? {
        guard let v = optional(key) else { return nil }
        guard case .object(let o) = v else { throw typeError(key, "an object", v) }
        return o
    }

    func array(_ key: String) throws -> [JSONValue] {
        let v = try required(key)
        guard case .array(let a) = v else { throw typeError(key, "an array", v) }
        return a
    }

    /// A string member that must be one of `E`'s raw values.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let s = try optionalString(key) else { return nil }
        guard let e = E(rawValue: s) else {
            throw fail("\(key) \"\(s)\" is not one of \(E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
        }
        return e
    }

    static func integer(_ v: JSONValue) -> Int? {
        guard case .number(let s) = v else { return nil }
        return Int(s)
    }

    static func float(_ v: JSONValue) -> Float? {
        guard case .number(let s) = v, let f = Float(s), f.isFinite else { return nil }
        return f
    }
}
