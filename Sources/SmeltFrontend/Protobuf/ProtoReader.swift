import SmeltIR

/// One field of a protobuf message as it appears on the wire.
///
/// The protobuf wire format (protobuf.dev "Encoding") is a sequence of `(tag, value)` pairs;
/// `tag = fieldNumber << 3 | wireType`, both as a varint. Wire types: 0 varint, 1 fixed 64-bit,
/// 2 length-delimited (bytes, strings, sub-messages, packed repeated scalars), 5 fixed 32-bit.
/// Types 3 and 4 (groups) are deprecated and rejected.
public struct ProtoField: Sendable {
    /// Payload of a field.
    public enum Value: Sendable {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        /// Byte range of a length-delimited payload inside the reader's buffer.
        case bytes(Range<Int>)
    }
    public var number: Int
    public var value: Value
}

/// A bounds-checked reader of the protobuf wire format over one byte buffer.
///
/// Every read checks the remaining length first, so a truncated or corrupt buffer gives a
/// `SmeltError` naming the byte offset, never a crash; a declared length larger than the bytes
/// left is an error before anything is allocated. Sub-messages are read by `message(_:)`, which
/// shares the buffer (no copy).
///
/// Worked example: the bytes `08 96 01` are field 1, varint 150 (`0x96 & 0x7f | 0x01 << 7`).
public struct ProtoReader: Sendable {
    /// The whole buffer (shared by every sub-reader).
    public let bytes: [UInt8]
    /// Next byte to read.
    public private(set) var position: Int
    /// One past the last byte of this message.
    public let end: Int

    /// A reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    /// A reader over `range` of `bytes` (a sub-message).
    public init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether every byte of the message has been read.
    public var isAtEnd: Bool { position >= end }

    /// Reads the next field, or returns `nil` at the end of the message.
    public mutating func next() throws -> ProtoField? {
        guard position < end else { return nil }
        let start = position
        let tag = try readVarint()
        let number = Int(truncatingIfNeeded: tag >> 3)
        guard number > 0, tag >> 3 <= 0x1FFF_FFFF else { throw fail("invalid field number \(tag >> 3)", at: start) }
        switch tag & 7 {
        case 0: return ProtoField(number: number, value: .varint(try readVarint()))
        case 1: return ProtoField(number: number, value: .fixed64(try readFixed(8)))
        case 5: return ProtoField(number: number, value: .fixed32(UInt32(try readFixed(4))))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(end - position) else {
                throw fail("field \(number) declares \(length) bytes but only \(end - position) remain (truncated file?)", at: start)
            }
            let range = position..<(position + Int(length))
            position = range.upperBound
            return ProtoField(number: number, value: .bytes(range))
        default:
            throw fail("field \(number) has unsupported wire type \(tag & 7)", at: start)
        }
    }

    /// Reads a base-128 varint (at most 10 bytes).
    public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            guard position < end else { throw fail("varint runs past the end (truncated file?)", at: start) }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw fail("varint longer than 10 bytes", at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads `count` (4 or 8) little-endian bytes.
    private mutating func readFixed(_ count: Int) throws -> UInt64 {
        guard end - position >= count else { throw fail("fixed\(count * 8) runs past the end (truncated file?)", at: position) }
        var v: UInt64 = 0
        for k in 0..<count { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += count
        return v
    }

    private func fail(_ what: String, at offset: Int) -> SmeltError {
        SmeltError("protobuf: \(what) at byte \(offset)")
    }
}

/// Typed views of a field's payload, each checking the wire type against the schema's type.
extension ProtoField {
    private func wrongType(_ expected: String) -> SmeltError {
        SmeltError("protobuf: field \(number) is not \(expected)")
    }

    /// An `int64`/`int32`/enum varint, two's complement (no zigzag: ONNX uses no `sint` fields).
    public func int64() throws -> Int64 {
        guard case .varint(let v) = value else { throw wrongType("a varint") }
        return Int64(bitPattern: v)
    }

    /// A `float` (fixed32).
    public func float() throws -> Float {
        guard case .fixed32(let v) = value else { throw wrongType("a fixed32 float") }
        return Float(bitPattern: v)
    }

    /// The byte range of a length-delimited field.
    public func range() throws -> Range<Int> {
        guard case .bytes(let r) = value else { throw wrongType("length-delimited") }
        return r
    }

    /// The bytes of a length-delimited field.
    public func bytes(in reader: ProtoReader) throws -> [UInt8] {
        Array(reader.bytes[try range()])
    }

    /// A UTF-8 string (invalid sequences are repaired, never fatal).
    public func string(in reader: ProtoReader) throws -> String {
        String(decoding: reader.bytes[try range()], as: UTF8.self)
    }

    /// A reader over an embedded message.
    public func message(in reader: ProtoReader) throws -> ProtoReader {
        ProtoReader(reader.bytes, range: try range())
    }

    /// A repeated `int64`/`int32` field: one element if unpacked, all of them if packed.
    public func packedInt64s(in reader: ProtoReader) throws -> [Int64] {
        switch value {
        case .varint(let v): return [Int64(bitPattern: v)]
        case .bytes(let r):
            var sub = ProtoReader(reader.bytes, range: r)
            var out: [Int64] = []
            while !sub.isAtEnd { out.append(Int64(bitPattern: try sub.readVarint())) }
            return out
        default: throw wrongType("a repeated varint")
        }
    }

    /// A repeated `float` field: one element if unpacked, all of them if packed.
    public func packedFloats(in reader: ProtoReader) throws -> [Float] {
        try packedFixed(in: reader, width: 4).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
    }

    /// A repeated `double` field: one element if unpacked, all of them if packed.
    public func packedDoubles(in reader: ProtoReader) throws -> [Double] {
        try packedFixed(in: reader, width: 8).map { Double(bitPattern: $0) }
    }

    private func packedFixed(in reader: ProtoReader, width: Int) throws -> [UInt64] {
        switch value {
        case .fixed32(let v) where width == 4: return [UInt64(v)]
        case .fixed64(let v) where width == 8: return [v]
        case .bytes(let r):
            guard r.count % width == 0 else { throw SmeltError("protobuf: packed field \(number) has \(r.count) bytes, not a multiple of \(width)") }
            return stride(from: r.lowerBound, to: r.upperBound, by: width).map { p in
                var v: UInt64 = 0
                for k in 0..<width { v |= UInt64(reader.bytes[p + k]) << (8 * UInt64(k)) }
                return v
            }
        default: throw wrongType("a repeated fixed\(width * 8)")
        }
    }
}

extension SmeltError {
    /// The message with control characters (newlines from names inside a corrupt file) shown as
    /// `\u{…}`, so every error stays one line.
    var oneLine: SmeltError {
        guard message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var out = ""
        for u in message.unicodeScalars {
            if u.properties.generalCategory == .control { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
        }
        return SmeltError(out)
    }
}
