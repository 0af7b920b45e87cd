/// The MQTT 3.1.1 "Remaining Length" variable-length integer (spec §2.2.3).
///
/// Seven bits per byte, least significant group first, the top bit set when another byte follows;
/// one to four bytes, so at most 268,435,455. Example: 321 = 0b10_1000001 → `[0xC1, 0x02]`
/// (65 | 0x80, then 2). Decoding is strict: a fifth byte, a non-minimal encoding (`[0x80, 0x00]`
/// for 0) or a value cut short are errors, never a crash.
public enum RemainingLength {
    /// The largest encodable value, `[0xFF, 0xFF, 0xFF, 0x7F]`.
    public static let maximum = 268_435_455

    /// The bytes encoding `value` (0…`maximum`).
    public static func encode(_ value: Int) throws(MQTTError) -> [UInt8] {
        guard value >= 0, value <= maximum else { throw .malformed("remaining length \(value) out of range") }
        var v = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v > 0 { byte |= 0x80 }
            out.append(byte)
        } while v > 0
        return out
    }

    /// Decodes from `bytes[start...]`. Returns `nil` when more bytes are needed (the value is
    /// incomplete), else the value and how many bytes it took.
    public static func decode(_ bytes: [UInt8], from start: Int = 0) throws(MQTTError) -> (value: Int, count: Int)? {
        var value = 0
        var shift = 0
        var i = start
        while true {
            guard i < bytes.count else { return nil }
            let byte = bytes[i]
            let n = i - start + 1
            if n > 4 { throw .malformed("remaining length longer than 4 bytes") }
            value |= Int(byte & 0x7F) << shift
            i += 1
            if byte & 0x80 == 0 {
                if n > 1 && byte == 0 { throw .malformed("remaining length not minimally encoded") }
                return (value, n)
            }
            shift += 7
        }
    }
}
