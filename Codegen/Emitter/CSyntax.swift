import SmeltIR

/// Spelling of C identifiers and integer literals in generated code.
enum CSyntax {
    /// A C identifier from any name: letters, digits and `_`, never starting with a digit.
    /// Example: "conv 1/w" → "conv_1_w", "3x3" → "_3x3".
    static func identifier(_ name: String) -> String {
        var s = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if s.isEmpty || s.first!.isNumber { s = "_" + s }
        return s
    }

    /// An integer literal valid for `dtype` in C99 (`INT32_MIN` spelled `(-2147483647 - 1)`,
    /// 64-bit values through `INT64_C`).
    static func literal(_ v: Int64, dtype: DType) -> String {
        if dtype == .int64 {
            return v == Int64.min ? "(-INT64_C(9223372036854775807) - 1)" : "INT64_C(\(v))"
        }
        if v == Int64(Int32.min) { return "(-2147483647 - 1)" }
        return String(v)
    }

    /// The C element type of a dtype.
    static func type(_ dtype: DType) -> String {
        switch dtype {
        case .int8: return "int8_t"
        case .int16: return "int16_t"
        case .int32: return "int32_t"
        case .int64: return "int64_t"
        case .float32: return "float" // never emitted: the emitter rejects float tensors first
        }
    }

    /// Comma-separated values, `perLine` per line, indented by four spaces.
    static func values(_ values: [Int64], dtype: DType, perLine: Int = 16) -> String {
        var lines: [String] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + perLine, values.count)]
            lines.append("    " + chunk.map { literal($0, dtype: dtype) }.joined(separator: ", "))
            i += perLine
        }
        return lines.joined(separator: ",\n")
    }
}

/// Const arrays of the generated model, emitted once each: arrays with identical contents
/// (a tensor read by several nodes, equal multiplier tables) share one definition.
struct ConstantPool {
    private(set) var definitions: [String] = []
    private var byContent: [String: String] = [:]
    private var used: Set<String> = []
    /// Bytes of every emitted array.
    private(set) var bytes = 0
    /// Bytes of emitted arrays that hold weights and biases (graph constants).
    private(set) var weightBytes = 0

    /// Emits `static const T name[] = {...}` unless identical contents exist; returns the name to use.
    mutating func array(_ preferred: String, _ values: [Int64], dtype: DType, comment: String? = nil, isWeight: Bool = false) -> String {
        let key = "\(dtype.rawValue):" + values.map(String.init).joined(separator: ",")
        if let name = byContent[key] { return name }
        var name = preferred
        var n = 2
        while used.contains(name) { name = "\(preferred)_\(n)"; n += 1 }
        used.insert(name)
        byContent[key] = name
        let size = max(values.count, 1) * dtype.byteWidth
        bytes += size
        if isWeight { weightBytes += size }
        let body = values.isEmpty ? "    0" : CSyntax.values(values, dtype: dtype)
        let head = comment.map { "/* \($0) */\n" } ?? ""
        definitions.append("\(head)static const \(CSyntax.type(dtype)) \(name)[\(max(values.count, 1))] = {\n\(body)\n};")
        return name
    }

    /// Reserves a name for a non-array definition (params structs) so arrays do not collide.
    mutating func reserve(_ preferred: String) -> String {
        var name = preferred
        var n = 2
        while used.contains(name) { name = "\(preferred)_\(n)"; n += 1 }
        used.insert(name)
        return name
    }
}
