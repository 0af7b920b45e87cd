/// Standard base64 (RFC 4648, alphabet `A–Z a–z 0–9 + /`, `=` padding, no line breaks).
///
/// Example: the bytes `[0x00, 0x00, 0x80, 0x3F]` (float32 1.0, little-endian) encode to `"AACAPw=="`.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let reverse: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    /// Encodes `bytes` with padding.
    static func encode(_ bytes: [UInt8]) -> String {
        let n = bytes.count
        let outCount = (n + 2) / 3 * 4
        let out = [UInt8](unsafeUninitializedCapacity: outCount) { buf, count in
            bytes.withUnsafeBufferPointer { src in
                alphabet.withUnsafeBufferPointer { a in
                    var o = 0, i = 0
                    while i + 3 <= n {
                        let v = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
                        buf[o] = a[Int(v >> 18)]; buf[o + 1] = a[Int(v >> 12 & 63)]
                        buf[o + 2] = a[Int(v >> 6 & 63)]; buf[o + 3] = a[Int(v & 63)]
                        i += 3; o += 4
                    }
                    let rest = n - i
                    if rest > 0 {
                        let v = UInt32(src[i]) << 16 | (rest == 2 ? UInt32(src[i + 1]) << 8 : 0)
                        buf[o] = a[Int(v >> 18)]; buf[o + 1] = a[Int(v >> 12 & 63)]
                        buf[o + 2] = rest == 2 ? a[Int(v >> 6 & 63)] : UInt8(ascii: "=")
                        buf[o + 3] = UInt8(ascii: "=")
                    }
                }
            }
            count = outCount
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded or unpadded base64; `nil` on any character outside the alphabet or a bad length.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0) }
    }

    private static func decode(utf8 s: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var n = s.count
        while n > 0, s[n - 1] == UInt8(ascii: "=") { n -= 1 }
        guard s.count - n <= 2, n % 4 != 1, s.count == n || s.count % 4 == 0 else { return nil }
        let outCount = n / 4 * 3 + max(n % 4 - 1, 0)
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: outCount) { buf, count in
            reverse.withUnsafeBufferPointer { r in
                var i = 0, o = 0
                var bad: UInt8 = 0
                while i + 4 <= n {
                    let a = r[Int(s[i])], b = r[Int(s[i + 1])], c = r[Int(s[i + 2])], d = r[Int(s[i + 3])]
                    bad |= a | b | c | d
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    buf[o] = UInt8(truncatingIfNeeded: v >> 16)
                    buf[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    buf[o + 2] = UInt8(truncatingIfNeeded: v)
                    i += 4; o += 3
                }
                let rest = n - i
                if rest >= 2 {
                    let a = r[Int(s[i])], b = r[Int(s[i + 1])], c = rest == 3 ? r[Int(s[i + 2])] : 0
                    bad |= a | b | c
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                    buf[o] = UInt8(truncatingIfNeeded: v >> 16)
                    if rest == 3 { buf[o + 1] = UInt8(truncatingIfNeeded: v >> 8) }
                }
                ok = bad & 0xC0 == 0
            }
            count = outCount
        }
        return ok ? out : nil
    }
}
