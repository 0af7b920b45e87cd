import Foundation
import SmeltIR

/// `TensorProto`: dims = 1, data_type = 2, float_data = 4, int32_data = 5, int64_data = 7,
/// name = 8, raw_data = 9, double_data = 10, uint64_data = 11, external_data = 13
/// (`StringStringEntryProto` key = 1, value = 2), data_location = 14 (1 = EXTERNAL).
///
/// Values are decoded lazily by `values(baseDirectory:)`, which checks that the element count
/// matches the dims before returning anything.
public struct ONNXTensor: Sendable {
    /// `TensorProto.DataType` codes Smelt reads.
    public enum DataType: Int64, Sendable {
        case float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7, bool = 9
        case double = 11, uint32 = 12, uint64 = 13

        /// Bytes per element in `raw_data`.
        var width: Int {
            switch self {
            case .uint8, .int8, .bool: return 1
            case .uint16, .int16: return 2
            case .float, .int32, .uint32: return 4
            case .int64, .double, .uint64: return 8
            }
        }

        var isFloat: Bool { self == .float || self == .double }
    }

    public var name = ""
    public var dims: [Int64] = []
    public var dataTypeCode: Int64 = 0
    var raw: [UInt8]?
    var floatData: [Float] = []
    var int64Data: [Int64] = []     // int32_data and int64_data (both varints)
    var doubleData: [Double] = []
    var uint64Data: [UInt64] = []
    var external: [String: String] = [:]
    var isExternal = false

    init(_ reader: ProtoReader) throws {
        var r = reader
        while let f = try r.next() {
            switch f.number {
            case 1: dims += try f.packedInt64s(in: r)
            case 2: dataTypeCode = try f.int64()
            case 4: floatData += try f.packedFloats(in: r)
            case 5, 7: int64Data += try f.packedInt64s(in: r)
            case 8: name = try f.string(in: r)
            case 9: raw = try f.bytes(in: r)
            case 10: doubleData += try f.packedDoubles(in: r)
            case 11: uint64Data += try f.packedInt64s(in: r).map { UInt64(bitPattern: $0) }
            case 13:
                var e = try f.message(in: r)
                var key = "", value = ""
                while let g = try e.next() {
                    if g.number == 1 { key = try g.string(in: e) }
                    if g.number == 2 { value = try g.string(in: e) }
                }
                external[key] = value
            case 14: isExternal = try f.int64() == 1
            default: break
            }
        }
    }

    /// The dims as `Int`, checked non-negative and with a product that fits.
    public func shape() throws -> [Int] {
        var count = 1
        for d in dims {
            guard d >= 0, d <= Int64(Int32.max) else { throw SmeltError("tensor \"\(name)\": dimension \(d) is out of range") }
            let (p, overflow) = count.multipliedReportingOverflow(by: Int(d))
            guard !overflow, p <= 1 << 40 else { throw SmeltError("tensor \"\(name)\": shape \(dims) is too large") }
            count = p
        }
        return dims.map { Int($0) }
    }

    /// The element type, or an error naming the unsupported code (e.g. 10 = FLOAT16).
    public func dataType() throws -> DataType {
        guard let t = DataType(rawValue: dataTypeCode) else {
            throw SmeltError("tensor \"\(name)\": data type \(dataTypeCode) is not supported (float, double, int8/16/32/64, uint8/16/32/64, bool)")
        }
        return t
    }

    /// Every element widened to `Double` (exact for float32, all 8/16/32-bit integers and
    /// integers up to 2^53), from raw_data, the typed field, or the external file.
    public func values(baseDirectory: String?) throws -> [Double] {
        let type = try dataType()
        let count = try shape().reduce(1, *)
        var out: [Double]
        if isExternal || !external.isEmpty {
            out = decodeRaw(try readExternal(baseDirectory: baseDirectory, width: type.width, count: count), type)
        } else if let raw {
            guard raw.count % type.width == 0 else {
                throw SmeltError("tensor \"\(name)\": raw_data has \(raw.count) bytes, not a multiple of \(type.width)")
            }
            out = decodeRaw(raw, type)
        } else {
            switch type {
            case .float: out = floatData.map(Double.init)
            case .double: out = doubleData
            case .uint32, .uint64: out = uint64Data.map(Double.init)
            case .int64: out = int64Data.map(Double.init)
            default:
                // int32_data holds int8/uint8/int16/uint16/bool/int32 as int32 values.
                out = int64Data.map { Double(Int32(truncatingIfNeeded: $0)) }
            }
        }
        guard out.count == count else {
            throw SmeltError("tensor \"\(name)\": has \(out.count) values, shape \(dims) needs \(count)")
        }
        return out
    }

    private func decodeRaw(_ b: [UInt8], _ type: DataType) -> [Double] {
        let n = b.count / type.width
        func word(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<type.width { v |= UInt64(b[i * type.width + k]) << (8 * UInt64(k)) }
            return v
        }
        return (0..<n).map { i -> Double in
            let w = word(i)
            switch type {
            case .float: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: w)))
            case .double: return Double(bitPattern: w)
            case .uint8, .bool, .uint16, .uint32, .uint64: return Double(w)
            case .int8: return Double(Int8(truncatingIfNeeded: w))
            case .int16: return Double(Int16(truncatingIfNeeded: w))
            case .int32: return Double(Int32(truncatingIfNeeded: w))
            case .int64: return Double(Int64(bitPattern: w))
            }
        }
    }

    /// Reads `location` (relative to the model's directory), from `offset`, `length` bytes.
    private func readExternal(baseDirectory: String?, width: Int, count: Int) throws -> [UInt8] {
        guard let location = external["location"], !location.isEmpty else {
            throw SmeltError("tensor \"\(name)\": external data has no location")
        }
        guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
            throw SmeltError("tensor \"\(name)\": external data location \"\(location)\" must be relative to the model's folder")
        }
        let path = ((baseDirectory ?? ".") as NSString).appendingPathComponent(location)
        let offset = try number("offset") ?? 0
        let length = try number("length") ?? count * width
        guard length == count * width else {
            throw SmeltError("tensor \"\(name)\": external data length \(length) does not match \(count) values of \(width) bytes")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SmeltError("tensor \"\(name)\": cannot open external data file \(path)")
        }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        guard UInt64(offset) + UInt64(length) <= size else {
            throw SmeltError("tensor \"\(name)\": external data \(path) has \(size) bytes, needs \(offset + length) (truncated?)")
        }
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: length) ?? Data()
        guard data.count == length else { throw SmeltError("tensor \"\(name)\": short read from \(path)") }
        return [UInt8](data)
    }

    private func number(_ key: String) throws -> Int? {
        guard let s = external[key] else { return nil }
        guard let v = Int(s), v >= 0 else { throw SmeltError("tensor \"\(name)\": external data \(key) \"\(s)\" is not a non-negative integer") }
        return v
    }
}
