/// One fleet message: a round announcement (coordinator → devices), a device update, or the end
/// of training. Binary, little-endian, versioned and CRC-32 protected; see docs/fleet-protocol.md.
///
/// Layout (format version 1):
/// ```
/// 0   "SMFL"  magic                  4   u8 format version (1)
/// 5   u8 kind (1 round, 2 update, 3 done)   6 u8 encoding (0 float32, 1 int8)   7 u8 reserved 0
/// 8   u32 total length (whole message, CRC included)
/// 12  u32 model version   16 u32 round   20 u32 sample count
/// 24  f32 learning rate   28 u16 local epochs   30 u16 batch size
/// 32  u8 n + n bytes device id          then u8 n + n bytes architecture ("1-40-40-1")
///     u16 count + count × (u8 n + n bytes) participants
///     u32 weight count, [int8: f32 scale], weights (4 or 1 bytes each)
///     u32 CRC-32 of every byte before it
/// ```
public struct FleetMessage: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case round = 1, update = 2, done = 3 }
    public enum Encoding: UInt8, Sendable { case float32 = 0, int8 = 1 }

    public static let magic: [UInt8] = Array("SMFL".utf8)
    public static let formatVersion: UInt8 = 1

    public var kind: Kind
    public var encoding: Encoding = .float32
    /// Incremented by the coordinator each time the shared model changes.
    public var modelVersion: UInt32
    public var round: UInt32
    /// Update: samples the device trained on. Round: samples each device should use (k).
    public var sampleCount: UInt32
    public var learningRate: Float = 0
    public var localEpochs: UInt16 = 0
    public var batchSize: UInt16 = 0
    /// Update: the sender. Round/done: the fleet name.
    public var deviceID: String
    /// Round: layer widths, e.g. "1-40-40-1"; empty in updates.
    public var architecture: String = ""
    /// Round: the devices asked to train this round.
    public var participants: [String] = []
    /// Model parameters (int8-encoded messages carry them quantised; decoding dequantises).
    public var weights: [Float]

    public init(kind: Kind, modelVersion: UInt32, round: UInt32, sampleCount: UInt32, deviceID: String, weights: [Float]) {
        self.kind = kind; self.modelVersion = modelVersion; self.round = round
        self.sampleCount = sampleCount; self.deviceID = deviceID; self.weights = weights
    }

    /// Device and fleet ids: 1–64 characters from `A-Z a-z 0-9 _ -`.
    public static func isValidID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 64 && s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45
        }
    }

    /// The wire bytes. Int8 encoding is symmetric: scale = max|w| / 127, q = round(w / scale).
    public func encode() throws(FleetProtocolError) -> [UInt8] {
        guard FleetMessage.isValidID(deviceID) else { throw .invalid("device id '\(deviceID)'") }
        guard participants.allSatisfy(FleetMessage.isValidID), participants.count <= 0xFFFF else { throw .invalid("participant list") }
        guard architecture.utf8.count <= 255 else { throw .invalid("architecture too long") }
        var w = ByteWriter()
        w.bytes += FleetMessage.magic
        w.u8(FleetMessage.formatVersion); w.u8(kind.rawValue); w.u8(encoding.rawValue); w.u8(0)
        w.u32(0)  // total length, patched below
        w.u32(modelVersion); w.u32(round); w.u32(sampleCount)
        w.f32(learningRate); w.u16(localEpochs); w.u16(batchSize)
        w.short(deviceID); w.short(architecture)
        w.u16(UInt16(participants.count))
        for p in participants { w.short(p) }
        w.u32(UInt32(weights.count))
        switch encoding {
        case .float32:
            for x in weights { w.f32(x) }
        case .int8:
            let scale = FleetMessage.int8Scale(weights)
            w.f32(scale)
            for x in weights { w.u8(UInt8(bitPattern: FleetMessage.quantize(x, scale: scale))) }
        }
        let total = UInt32(w.bytes.count + 4)
        for i in 0..<4 { w.bytes[8 + i] = UInt8(truncatingIfNeeded: total >> (8 * i)) }
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    /// Parses and verifies `bytes`; any defect (length, magic, version, checksum, field) throws.
    public static func decode(_ bytes: [UInt8]) throws(FleetProtocolError) -> FleetMessage {
        guard bytes.count >= 12 + 4 else { throw .truncated }
        guard Array(bytes[0..<4]) == magic else { throw .badMagic }
        guard bytes[4] == formatVersion else { throw .unsupportedVersion(bytes[4]) }
        var r = ByteReader(bytes: bytes, position: 8)
        let total = try r.u32()
        guard Int(total) == bytes.count else { throw .lengthMismatch(declared: Int(total), actual: bytes.count) }
        let stored = UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8 | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24
        let computed = CRC32.checksum(bytes[0..<(bytes.count - 4)])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        guard let kind = Kind(rawValue: bytes[5]) else { throw .invalid("kind \(bytes[5])") }
        guard let encoding = Encoding(rawValue: bytes[6]) else { throw .invalid("encoding \(bytes[6])") }
        guard bytes[7] == 0 else { throw .invalid("reserved byte \(bytes[7])") }
        r.end = bytes.count - 4
        let modelVersion = try r.u32(), round = try r.u32(), samples = try r.u32()
        let lr = try r.f32(), epochs = try r.u16(), batch = try r.u16()
        let device = try r.short()
        guard isValidID(device) else { throw .invalid("device id") }
        let architecture = try r.short()
        let pc = Int(try r.u16())
        var participants: [String] = []
        for _ in 0..<pc {
            let p = try r.short()
            guard isValidID(p) else { throw .invalid("participant id") }
            participants.append(p)
        }
        let count = Int(try r.u32())
        var weights: [Float] = []
        switch encoding {
        case .float32:
            guard r.remaining == count * 4 else { throw .invalid("\(count) float32 weights but \(r.remaining) bytes") }
            weights.reserveCapacity(count)
            for _ in 0..<count { weights.append(try r.f32()) }
        case .int8:
            let scale = try r.f32()
            guard scale.isFinite, scale >= 0 else { throw .invalid("int8 scale \(scale)") }
            guard r.remaining == count else { throw .invalid("\(count) int8 weights but \(r.remaining) bytes") }
            for _ in 0..<count { weights.append(Float(Int8(bitPattern: try r.u8())) * scale) }
        }
        var m = FleetMessage(kind: kind, modelVersion: modelVersion, round: round, sampleCount: samples, deviceID: device, weights: weights)
        m.encoding = encoding; m.learningRate = lr; m.localEpochs = epochs; m.batchSize = batch
        m.architecture = architecture; m.participants = participants
        return m
    }

    /// Symmetric int8 scale: max|w| / 127 (1 when every weight is 0).
    public static func int8Scale(_ w: [Float]) -> Float {
        let m = w.reduce(Float(0)) { max($0, abs($1)) }
        return m > 0 && m.isFinite ? m / 127 : 1
    }

    /// round-half-away(w / scale) clamped to −127…127. Example: 0.3 at scale 0.01 → 30.
    public static func quantize(_ x: Float, scale: Float) -> Int8 {
        guard x.isFinite else { return 0 }
        return Int8(max(-127, min(127, (x / scale).rounded())))
    }
}

/// Why bytes were rejected as a fleet message.
public enum FleetProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    case truncated, badMagic
    case unsupportedVersion(UInt8)
    case lengthMismatch(declared: Int, actual: Int)
    case checksumMismatch(stored: UInt32, computed: UInt32)
    case invalid(String)

    public var description: String {
        switch self {
        case .truncated: return "truncated message"
        case .badMagic: return "bad magic (not SMFL)"
        case .unsupportedVersion(let v): return "unsupported format version \(v)"
        case let .lengthMismatch(d, a): return "length mismatch (declared \(d), got \(a) bytes)"
        case let .checksumMismatch(s, c): return "checksum mismatch (stored \(String(s, radix: 16)), computed \(String(c, radix: 16)))"
        case .invalid(let s): return "invalid field: \(s)"
        }
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func short(_ s: String) { u8(UInt8(s.utf8.count)); bytes += s.utf8 }
}

struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    var end: Int
    init(bytes: [UInt8], position: Int) { self.bytes = bytes; self.position = position; self.end = bytes.count }
    var remaining: Int { end - position }
    mutating func u8() throws(FleetProtocolError) -> UInt8 {
        guard position < end else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }
    mutating func u16() throws(FleetProtocolError) -> UInt16 { UInt16(try u8()) | UInt16(try u8()) << 8 }
    mutating func u32() throws(FleetProtocolError) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(try u8()) << (8 * i) }
        return v
    }
    mutating func f32() throws(FleetProtocolError) -> Float { Float(bitPattern: try u32()) }
    mutating func short() throws(FleetProtocolError) -> String {
        let n = Int(try u8())
        guard remaining >= n else { throw .truncated }
        defer { position += n }
        guard let s = String(validating: bytes[position..<(position + n)], as: UTF8.self) else { throw .invalid("text not UTF-8") }
        return s
    }
}
