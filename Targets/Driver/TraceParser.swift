import Foundation

/// Extracts program counters from QEMU's `-d exec` log, streamed in chunks of bytes.
///
/// QEMU 7.2 writes one line per executed translation block, one instruction each under
/// `-singlestep`: `Trace 0: 0x7f4918000280 [00800400/0000010a/00000510/ff000201] Reset_Handler`.
/// The PC is the second field inside the brackets (hex). Other lines (errors, register dumps) are
/// skipped. Lines may be split across chunks; bytes are parsed directly, with no `String`s.
final class TraceParser: @unchecked Sendable {
    private var carry: [UInt8] = []
    private let onPC: (UInt32) -> Void

    init(onPC: @escaping (UInt32) -> Void) { self.onPC = onPC }

    /// Parses every complete line in `chunk`, keeping a trailing partial line for the next call.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let count = chunk.count
        var start = 0
        while start < count {
            guard let hit = memchr(base + start, 0x0A, count - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
                return
            }
            let end = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if carry.isEmpty {
                parseLine(base + start, end - start)
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                carry.withUnsafeBufferPointer { parseLine($0.baseAddress!, $0.count) }
                carry.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
    }

    /// Parses a last line without a newline, if any.
    func finish() {
        if !carry.isEmpty {
            carry.withUnsafeBufferPointer { parseLine($0.baseAddress!, $0.count) }
            carry.removeAll()
        }
    }

    private func parseLine(_ p: UnsafePointer<UInt8>, _ length: Int) {
        // "Trace "
        guard length > 8, p[0] == 0x54, p[1] == 0x72, p[2] == 0x61, p[3] == 0x63, p[4] == 0x65, p[5] == 0x20
        else { return }
        var i = 6
        while i < length && p[i] != 0x5B { i += 1 }  // '['
        while i < length && p[i] != 0x2F { i += 1 }  // first '/'
        i += 1
        var pc: UInt32 = 0
        var digits = 0
        while i < length {
            let c = p[i]
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            default: v = 0xFF
            }
            if v == 0xFF { break }
            pc = (pc << 4) | UInt32(v)
            digits += 1
            i += 1
        }
        if digits > 0 && i < length && p[i] == 0x2F { onPC(pc) }
    }
}
