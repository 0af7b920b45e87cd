import Foundation
import SmeltIR

/// A JSON value with objects in key order, for deterministic catalog files.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// The member `key` of an object, if any.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// A short name of the value's type for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Pretty-printed text: 2-space indentation, arrays of scalars on one line, a final newline.
    public func printed() -> String {
        var out = ""
        write(&out, indent: 0)
        return out + "\n"
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(_ out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent + 2)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSON.format(d)
        case .string(let s): out += JSON.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "[" + items.map { v -> String in var s = ""; v.write(&s, indent: 0); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(&out, indent: indent + 2)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if members.allSatisfy({ $0.1.isScalar }) {
                let inline = "{" + members.map { k, v -> String in var s = ""; v.write(&s, indent: 0); return JSON.quote(k) + ": " + s }
                    .joined(separator: ", ") + "}"
                if inline.count <= 100 { out += inline; return }
            }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += pad + JSON.quote(k) + ": "
                v.write(&out, indent: indent + 2)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Shortest round-trip text of a double (`0.9778`, `2.1e-05`).
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return "\(d)"
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// Reads catalog files with SmeltIR's strict JSON parser (RFC 8259: duplicate keys and trailing
/// text rejected), converting its values to `JSON`; errors carry a line number.
public enum JSONReader {
    /// Parses `text` as exactly one JSON value; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws -> JSON {
        let bytes = Array(text.utf8)
        do {
            return try convert(JSONParser.parse(bytes), path: path)
        } catch let e as JSONParseError {
            let (line, _) = JSONParser.lineColumn(bytes, offset: e.offset)
            throw catalogError(path, "invalid JSON at line \(line): \(e.message)")
        }
    }

    /// Numbers that are integers become `.int`, others `.double` (non-finite values are errors).
    static func convert(_ value: JSONValue, path: String) throws -> JSON {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let text):
            if let v = Int(text) { return .int(v) }
            guard let d = Double(text), d.isFinite else { throw catalogError(path, "invalid JSON: number \(text) is out of range") }
            return .double(d)
        case .array(let items): return .array(try items.map { try convert($0, path: path) })
        case .object(let o): return .object(try o.keys.map { ($0, try convert(o.values[$0]!, path: path)) })
        }
    }
}

/// A catalog failure naming the file (and usually the field) at fault: `FILE: field "ramBytes": ...`.
func catalogError(_ path: String, _ message: String) -> SmeltError { SmeltError("\(path): \(message)") }
