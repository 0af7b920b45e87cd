import SmeltIR

/// A bounds-checked reader of the FlatBuffers binary format (flatbuffers.dev "Internals").
///
/// Layout: the buffer starts with a `uoffset` (u32) to the root table. A table starts with an
/// `soffset` (i32): its vtable is at `table − soffset`. A vtable is `u16 vtableBytes, u16 tableBytes`
/// then one `u16` per field slot: the field's offset from the table start, 0 when absent (the
/// schema default applies). Tables, vectors and strings are referenced by a `uoffset` relative
/// to where it is stored; unsigned, so references only point forward and cannot form cycles.
/// A vector is a `u32` count then the elements; a string is a byte vector (plus a NUL).
/// A union is two slots: a `u8` type tag, then a table reference. All little-endian.
///
/// Every read is checked against the buffer size, so truncated or hostile files give a
/// `SmeltError` naming the offset, never a crash.
///
/// Worked example: a vtable `06 00 08 00 04 00` says the table has one field (slot 0) stored
/// 4 bytes after the table start, in a table 8 bytes long.
public struct FlatBuffer: Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ what: String, _ at: Int) -> SmeltError { SmeltError("flatbuffer: \(what) at byte \(at)") }

    func check(_ at: Int, _ size: Int) throws {
        guard at >= 0, size >= 0, at <= bytes.count, bytes.count - at >= size else {
            throw fail("\(size)-byte read past the end of the \(bytes.count)-byte file (truncated?)", at)
        }
    }

    func u8(_ at: Int) throws -> UInt8 { try check(at, 1); return bytes[at] }

    func u16(_ at: Int) throws -> UInt16 {
        try check(at, 2)
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) throws -> UInt32 {
        try check(at, 4)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[at + k]) << (8 * UInt32(k)) }
        return v
    }

    func u64(_ at: Int) throws -> UInt64 {
        try check(at, 8)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        return v
    }

    /// Follows the `uoffset` stored at `at`.
    func follow(_ at: Int) throws -> Int {
        let target = at + Int(try u32(at))
        try check(target, 0)
        return target
    }

    /// The root table.
    public func root() throws -> FBTable { try FBTable(self, at: try follow(0)) }

    /// The 4-byte file identifier after the root offset (e.g. "TFL3"), if the file is long enough.
    public var identifier: String? {
        bytes.count >= 8 ? String(decoding: bytes[4..<8], as: UTF8.self) : nil
    }
}

/// A table: scalar fields with defaults, and references to tables, vectors, strings.
public struct FBTable: Sendable {
    let buffer: FlatBuffer
    let position: Int
    let vtable: Int
    let vtableSize: Int

    init(_ buffer: FlatBuffer, at position: Int) throws {
        let soffset = Int(Int32(bitPattern: try buffer.u32(position)))
        let vt = position - soffset
        let size = Int(try buffer.u16(vt))
        guard size >= 4, size % 2 == 0 else { throw buffer.fail("invalid vtable size \(size)", vt) }
        try buffer.check(vt, size)
        self.buffer = buffer
        self.position = position
        self.vtable = vt
        self.vtableSize = size
    }

    /// Absolute position of field `slot`, or `nil` when absent.
    func field(_ slot: Int) throws -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let off = Int(try buffer.u16(vtable + entry))
        return off == 0 ? nil : position + off
    }

    public func int8(_ slot: Int, default d: Int8 = 0) throws -> Int8 {
        guard let p = try field(slot) else { return d }
        return Int8(bitPattern: try buffer.u8(p))
    }

    public func uint8(_ slot: Int, default d: UInt8 = 0) throws -> UInt8 {
        guard let p = try field(slot) else { return d }
        return try buffer.u8(p)
    }

    public func bool(_ slot: Int, default d: Bool = false) throws -> Bool {
        guard let p = try field(slot) else { return d }
        return try buffer.u8(p) != 0
    }

    public func int32(_ slot: Int, default d: Int32 = 0) throws -> Int32 {
        guard let p = try field(slot) else { return d }
        return Int32(bitPattern: try buffer.u32(p))
    }

    public func uint32(_ slot: Int, default d: UInt32 = 0) throws -> UInt32 {
        guard let p = try field(slot) else { return d }
        return try buffer.u32(p)
    }

    public func uint64(_ slot: Int, default d: UInt64 = 0) throws -> UInt64 {
        guard let p = try field(slot) else { return d }
        return try buffer.u64(p)
    }

    public func float(_ slot: Int, default d: Float = 0) throws -> Float {
        guard let p = try field(slot) else { return d }
        return Float(bitPattern: try buffer.u32(p))
    }

    public func table(_ slot: Int) throws -> FBTable? {
        guard let p = try field(slot) else { return nil }
        return try FBTable(buffer, at: try buffer.follow(p))
    }

    public func vector(_ slot: Int) throws -> FBVector? {
        guard let p = try field(slot) else { return nil }
        return try FBVector(buffer, at: try buffer.follow(p))
    }

    public func string(_ slot: Int) throws -> String? {
        guard let v = try vector(slot) else { return nil }
        let r = try v.byteRange(elementSize: 1)
        return String(decoding: buffer.bytes[r], as: UTF8.self)
    }
}

/// A vector: a count and elements stored inline (scalars) or as references (tables, strings).
public struct FBVector: Sendable {
    let buffer: FlatBuffer
    /// Position of element 0.
    let start: Int
    public let count: Int

    init(_ buffer: FlatBuffer, at position: Int) throws {
        self.count = Int(try buffer.u32(position))
        self.buffer = buffer
        self.start = position + 4
        try buffer.check(start, 0)
    }

    /// The byte range of all elements, checked to lie inside the buffer.
    func byteRange(elementSize: Int) throws -> Range<Int> {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw buffer.fail("vector of \(count) elements is too large", start) }
        try buffer.check(start, bytes)
        return start..<(start + bytes)
    }

    public func table(_ i: Int) throws -> FBTable {
        try FBTable(buffer, at: try buffer.follow(start + 4 * i))
    }

    public func tables() throws -> [FBTable] {
        _ = try byteRange(elementSize: 4)
        return try (0..<count).map { try table($0) }
    }

    public func int32s() throws -> [Int32] {
        let r = try byteRange(elementSize: 4)
        return try stride(from: r.lowerBound, to: r.upperBound, by: 4).map { Int32(bitPattern: try buffer.u32($0)) }
    }

    public func int64s() throws -> [Int64] {
        let r = try byteRange(elementSize: 8)
        return try stride(from: r.lowerBound, to: r.upperBound, by: 8).map { Int64(bitPattern: try buffer.u64($0)) }
    }

    public func floats() throws -> [Float] {
        let r = try byteRange(elementSize: 4)
        return try stride(from: r.lowerBound, to: r.upperBound, by: 4).map { Float(bitPattern: try buffer.u32($0)) }
    }

    public func bytes() throws -> ArraySlice<UInt8> {
        buffer.bytes[try byteRange(elementSize: 1)]
    }
}
