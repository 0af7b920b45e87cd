/// Constant contents of a tensor, stored in its own element type.
public enum TensorData: Sendable, Equatable {
    case float32([Float])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])

    /// The element type of the stored values.
    public var dtype: DType {
        switch self {
        case .float32: return .float32
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        }
    }

    /// Number of elements.
    public var count: Int {
        switch self {
        case .float32(let v): return v.count
        case .int8(let v): return v.count
        case .int16(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        }
    }

    /// The float values; `nil` unless the data is `float32`.
    public var floats: [Float]? {
        if case .float32(let v) = self { return v }
        return nil
    }

    /// Every value widened to `Int64`; `nil` for `float32` data.
    public var integers: [Int64]? {
        switch self {
        case .float32: return nil
        case .int8(let v): return v.map(Int64.init)
        case .int16(let v): return v.map(Int64.init)
        case .int32(let v): return v.map(Int64.init)
        case .int64(let v): return v
        }
    }

    /// Little-endian bytes of the values (the layout used by the JSON format and the C arrays).
    public var littleEndianBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * dtype.byteWidth)
        switch self {
        case .float32(let v): for x in v { appendLE(x.bitPattern, to: &out) }
        case .int8(let v): for x in v { out.append(UInt8(bitPattern: x)) }
        case .int16(let v): for x in v { appendLE(UInt16(bitPattern: x), to: &out) }
        case .int32(let v): for x in v { appendLE(UInt32(bitPattern: x), to: &out) }
        case .int64(let v): for x in v { appendLE(UInt64(bitPattern: x), to: &out) }
        }
        return out
    }

    /// Decodes little-endian bytes of `dtype`; `nil` if the byte count is not a multiple of the width.
    public init?(littleEndianBytes bytes: [UInt8], dtype: DType) {
        let w = dtype.byteWidth
        guard bytes.count % w == 0 else { return nil }
        let n = bytes.count / w
        func word(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<w { v |= UInt64(bytes[i * w + k]) << (8 * UInt64(k)) }
            return v
        }
        switch dtype {
        case .float32: self = .float32((0..<n).map { Float(bitPattern: UInt32(truncatingIfNeeded: word($0))) })
        case .int8: self = .int8(bytes.map { Int8(bitPattern: $0) })
        case .int16: self = .int16((0..<n).map { Int16(bitPattern: UInt16(truncatingIfNeeded: word($0))) })
        case .int32: self = .int32((0..<n).map { Int32(bitPattern: UInt32(truncatingIfNeeded: word($0))) })
        case .int64: self = .int64((0..<n).map { Int64(bitPattern: word($0)) })
        }
    }
}

@inline(__always)
private func appendLE<T: FixedWidthInteger>(_ x: T, to out: inout [UInt8]) {
    var v = x.littleEndian
    withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
}
