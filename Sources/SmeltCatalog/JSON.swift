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

/// A small strict JSON parser (RFC 8259) producing `JSON`; errors carry a line number.
public enum JSONReader {
    /// Parses `text` as exactly one JSON value; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws -> JSON {
        var p = Parser(chars: Array(text.unicodeScalars))
        do {
            p.skip()
            let v = try p.value(depth: 0)
            p.skip()
            guard p.i == p.chars.count else { throw p.fail("unexpected text after the JSON value") }
            return v
        } catch let e as ParseFailure {
            throw catalogError(path, "invalid JSON at line \(e.line): \(e.message)")
        }
    }

    struct ParseFailure: Error { var message: String; var line: Int }

    struct Parser {
        let chars: [Unicode.Scalar]
        var i = 0

        func fail(_ m: String) -> ParseFailure {
            let line = 1 + chars.prefix(i).filter { $0 == "\n" }.count
            return ParseFailure(message: i >= chars.count ? "unexpected end of input" : m, line: line)
        }

        mutating func skip() {
            while i < chars.count, [" ", "\t", "\n", "\r"].contains(chars[i]) { i += 1 }
        }

        mutating func literal(_ word: String, _ v: JSON) throws -> JSON {
            let w = Array(word.unicodeScalars)
            guard i + w.count <= chars.count, Array(chars[i..<i + w.count]) == w else { throw fail("unexpected character") }
            i += w.count
            return v
        }

        mutating func value(depth: Int) throws -> JSON {
            guard depth < 64 else { throw fail("nesting too deep") }
            guard i < chars.count else { throw fail("") }
            switch chars[i] {
            case "{":
                i += 1; skip()
                var members: [(String, JSON)] = []
                if i < chars.count, chars[i] == "}" { i += 1; return .object(members) }
                while true {
                    skip()
                    guard i < chars.count, chars[i] == "\"" else { throw fail("expected a key string") }
                    let k = try string()
                    if members.contains(where: { $0.0 == k }) { throw fail("duplicate key \"\(k)\"") }
                    skip()
                    guard i < chars.count, chars[i] == ":" else { throw fail("expected ':'") }
                    i += 1; skip()
                    members.append((k, try value(depth: depth + 1)))
                    skip()
                    guard i < chars.count else { throw fail("") }
                    if chars[i] == "," { i += 1; continue }
                    if chars[i] == "}" { i += 1; return .object(members) }
                    throw fail("expected ',' or '}'")
                }
            case "[":
                i += 1; skip()
                var items: [JSON] = []
                if i < chars.count, chars[i] == "]" { i += 1; return .array(items) }
                while true {
                    skip()
                    items.append(try value(depth: depth + 1))
                    skip()
                    guard i < chars.count else { throw fail("") }
                    if chars[i] == "," { i += 1; continue }
                    if chars[i] == "]" { i += 1; return .array(items) }
                    throw fail("expected ',' or ']'")
                }
            case "\"": return .string(try string())
            case "t": return try literal("true", .bool(true))
            case "f": return try literal("false", .bool(false))
            case "n": return try literal("null", .null)
            default: return try number()
            }
        }

        mutating func string() throws -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "\"" { return String(out) }
                if c == "\\" {
                    guard i < chars.count else { break }
                    let e = chars[i]; i += 1
                    switch e {
                    case "\"", "\\", "/": out.append(e)
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "u":
                        guard i + 4 <= chars.count, let v = UInt32(String(String.UnicodeScalarView(chars[i..<i + 4])), radix: 16),
                              let s = Unicode.Scalar(v) else { throw fail("bad \\u escape") }
                        i += 4
                        out.append(s)
                    default: throw fail("bad escape")
                    }
                } else if c.value < 0x20 {
                    throw fail("control character in a string")
                } else {
                    out.append(c)
                }
            }
            throw fail("unterminated string")
        }

        mutating func number() throws -> JSON {
            let start = i
            while i < chars.count, "+-0123456789.eE".unicodeScalars.contains(chars[i]) { i += 1 }
            let text = String(String.UnicodeScalarView(chars[start..<i]))
            if let v = Int(text) { return .int(v) }
            guard !text.isEmpty, let d = Double(text), d.isFinite else { i = start; throw fail("unexpected character") }
            return .double(d)
        }
    }
}

/// A catalog failure naming the file (and usually the field) at fault: `FILE: field "ramBytes": ...`.
func catalogError(_ path: String, _ message: String) -> SmeltError { SmeltError("\(path): \(message)") }
