/// Prints a `JSONValue` in Smelt's fixed layout.
///
/// Rules (they make the output of the model writer byte-for-byte reproducible):
/// - two-space indentation, `": "` after keys, a newline at the end of the document;
/// - objects: one member per line, in the object's key order; an empty object is `{}`;
/// - arrays holding only scalars are written on one line, `[16, 1]`; arrays holding any object
///   or array put one element per line; an empty array is `[]`;
/// - strings escape `"` `\` and control characters (`\n`, `\t`, ... or `\u00XX`); other
///   characters are written as UTF-8.
enum JSONPrinter {
    /// The document text for `value`.
    static func print(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: 0, to: &out)
        out.append(0x0A)
        return out
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return false
        default: return true
        }
    }

    private static func write(_ v: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let s): out.append(contentsOf: s.utf8)
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            if items.allSatisfy(isScalar) {
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(contentsOf: ", ".utf8) }
                    write(item, indent: indent, to: &out)
                }
            } else {
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    newline(indent + 2, &out)
                    write(item, indent: indent + 2, to: &out)
                }
                newline(indent, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let obj):
            out.append(UInt8(ascii: "{"))
            if !obj.keys.isEmpty {
                for (k, key) in obj.keys.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    newline(indent + 2, &out)
                    writeString(key, to: &out)
                    out.append(contentsOf: ": ".utf8)
                    write(obj.values[key] ?? .null, indent: indent + 2, to: &out)
                }
                newline(indent, &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONObject {
    /// Builds an object from key–value pairs in the given order.
    init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs {
            keys.append(k)
            values[k] = v
        }
    }
}

extension JSONValue {
    /// An integer number.
    static func int(_ i: Int) -> JSONValue { .number(String(i)) }
    /// An array of integers.
    static func ints(_ v: [Int]) -> JSONValue { .array(v.map { .int($0) }) }
    /// A float in Swift's shortest round-trip spelling (`0.001`, `1e-05`); a non-finite value
    /// becomes the string `"nan"`/`"inf"`/`"-inf"`, which the reader rejects.
    static func float(_ f: Float) -> JSONValue { f.isFinite ? .number(f.description) : .string(f.description) }
    /// An array of strings.
    static func strings(_ v: [String]) -> JSONValue { .array(v.map { .string($0) }) }
}
