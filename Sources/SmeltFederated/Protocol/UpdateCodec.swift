import Foundation

/// How a device's update (θ − φ) travels to the server, and how many bytes it takes.
///
/// - `float32`: 4 bytes per parameter, exact.
/// - `int8`: per tensor (each layer's weight, then bias), scale s = max|d|/127 sent as a
///   float32, then q = round(d/s) (half away from zero) clamped to ±127, one byte each;
///   decoded as q·s. Bytes: P + 4·(2·layers). Example: d = [0.5, −0.25, 0.1] → s = 0.5/127,
///   q = [127, −64, 25] (0.1·254 = 25.4 → 25), decoded [0.5, −0.2519..., 0.0984...].
/// The downlink (φ to the device) is always float32: 4·P bytes.
public enum UpdateCodec: String, Sendable {
    case float32
    case int8

    /// Bytes of one encoded update of `mlp`.
    public func bytes(for mlp: MLP) -> Int {
        switch self {
        case .float32: return 4 * mlp.parameterCount
        case .int8: return mlp.parameterCount + 4 * 2 * mlp.layerCount
        }
    }

    /// The wire bytes of `delta` (little-endian floats, int8 as two's complement).
    public func encode(_ delta: [Float], mlp: MLP) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes(for: mlp))
        func put(_ f: Float) { withUnsafeBytes(of: f.bitPattern.littleEndian) { out += $0 } }
        switch self {
        case .float32:
            for d in delta { put(d) }
        case .int8:
            for (lo, hi) in Self.tensorRanges(mlp) {
                let s = Self.scale(delta[lo..<hi])
                put(s)
                for d in delta[lo..<hi] { out.append(UInt8(bitPattern: Self.quantize(d, s))) }
            }
        }
        return out
    }

    /// The update the server reconstructs from `bytes` (throws on a wrong length).
    public func decode(_ bytes: [UInt8], mlp: MLP) throws -> [Float] {
        guard bytes.count == self.bytes(for: mlp) else {
            throw DecodeError(message: "update of \(bytes.count) bytes, expected \(self.bytes(for: mlp)) (\(rawValue))")
        }
        var pos = 0
        func get() -> Float {
            let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
            pos += 4
            return Float(bitPattern: v)
        }
        var out = [Float](repeating: 0, count: mlp.parameterCount)
        switch self {
        case .float32:
            for i in 0..<out.count { out[i] = get() }
        case .int8:
            for (lo, hi) in Self.tensorRanges(mlp) {
                let s = get()
                for i in lo..<hi { out[i] = Float(Int8(bitPattern: bytes[pos])) * s; pos += 1 }
            }
        }
        return out
    }

    /// What the server sees of `delta` after encoding and decoding (in place, no bytes built).
    public func roundTrip(_ delta: inout [Float], mlp: MLP) {
        guard self == .int8 else { return }
        for (lo, hi) in Self.tensorRanges(mlp) {
            let s = Self.scale(delta[lo..<hi])
            for i in lo..<hi { delta[i] = Float(Self.quantize(delta[i], s)) * s }
        }
    }

    /// A malformed update.
    public struct DecodeError: Error, Sendable { public var message: String }

    static func tensorRanges(_ mlp: MLP) -> [(Int, Int)] {
        var r: [(Int, Int)] = []
        for l in 0..<mlp.layerCount {
            let w = mlp.weightOffsets[l], b = mlp.biasOffsets[l]
            r.append((w, b))
            r.append((b, b + mlp.sizes[l + 1]))
        }
        return r
    }

    static func scale(_ d: ArraySlice<Float>) -> Float {
        let m = d.reduce(Float(0)) { max($0, abs($1)) }
        return m > 0 && m.isFinite ? m / 127 : 1
    }

    static func quantize(_ d: Float, _ s: Float) -> Int8 {
        guard d.isFinite else { return 0 }
        return Int8(max(-127, min(127, (d / s).rounded(.toNearestOrAwayFromZero))))
    }
}
