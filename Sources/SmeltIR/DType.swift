/// Element type of a tensor.
public enum DType: String, Sendable, Codable, CaseIterable {
    case float32, int8, int16, int32, int64

    /// Bytes per element (`int8` → 1, `float32` → 4).
    public var byteWidth: Int {
        switch self {
        case .int8: return 1
        case .int16: return 2
        case .float32, .int32: return 4
        case .int64: return 8
        }
    }

    /// Whether values of this type are integers.
    public var isInteger: Bool { self != .float32 }

    /// The representable integer range (`int8` → -128...127); `nil` for `float32`.
    public var integerRange: ClosedRange<Int64>? {
        switch self {
        case .int8: return Int64(Int8.min)...Int64(Int8.max)
        case .int16: return Int64(Int16.min)...Int64(Int16.max)
        case .int32: return Int64(Int32.min)...Int64(Int32.max)
        case .int64: return Int64.min...Int64.max
        case .float32: return nil
        }
    }
}
