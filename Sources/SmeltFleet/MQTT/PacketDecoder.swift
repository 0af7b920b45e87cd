/// Strict MQTT 3.1.1 parsing: a byte stream → whole packets → `MQTTPacket`.
///
/// Every rule the spec states for the packets used here is checked (reserved flag bits, lengths,
/// UTF-8, packet ids, QoS values); a violation is `MQTTError.malformed`, never a trap. Packets
/// above `maximumPacketSize` are refused before any allocation.
public enum PacketDecoder {
    /// Refuse frames above 4 MiB (fleet payloads are a few KiB).
    public static let maximumPacketSize = 4 << 20

    /// Splits one whole packet off the front of `buffer`: `nil` when more bytes are needed.
    public static func nextFrame(_ buffer: inout [UInt8]) throws(MQTTError) -> [UInt8]? {
        guard buffer.count >= 2 else { return nil }
        guard let (length, n) = try RemainingLength.decode(buffer, from: 1) else { return nil }
        guard length <= maximumPacketSize else { throw .malformed("packet of \(length) bytes exceeds the limit") }
        let total = 1 + n + length
        guard buffer.count >= total else { return nil }
        let frame = Array(buffer[0..<total])
        buffer.removeFirst(total)
        return frame
    }

    /// Decodes exactly one whole packet (`frame` must hold nothing else).
    public static func decode(_ frame: [UInt8]) throws(MQTTError) -> MQTTPacket {
        guard let first = frame.first else { throw .malformed("empty packet") }
        guard let (length, n) = try RemainingLength.decode(frame, from: 1) else { throw .malformed("truncated fixed header") }
        guard frame.count == 1 + n + length else { throw .malformed("remaining length \(length) but \(frame.count - 1 - n) bytes") }
        var r = PacketReader(bytes: Array(frame[(1 + n)...]))
        let type = first >> 4, flags = first & 0x0F
        func flagsMust(_ v: UInt8, _ name: String) throws(MQTTError) {
            guard flags == v else { throw .malformed("\(name) with reserved flags \(flags)") }
        }
        let packet: MQTTPacket
        switch type {
        case 1:
            try flagsMust(0, "CONNECT")
            guard try r.string() == "MQTT", try r.byte() == 4 else { throw .malformed("CONNECT: not MQTT 3.1.1") }
            let f = try r.byte()
            guard f & 1 == 0 else { throw .malformed("CONNECT: reserved flag set") }
            let keepAlive = try r.u16()
            let clientID = try r.string()
            var will: Will?
            let willQoS = (f >> 3) & 3
            if f & 0x04 != 0 {
                guard let q = QoS(rawValue: willQoS) else { throw .malformed("CONNECT: will QoS \(willQoS)") }
                will = Will(topic: try r.string(), payload: try r.binary(), qos: q, retain: f & 0x20 != 0)
            } else if willQoS != 0 || f & 0x20 != 0 {
                throw .malformed("CONNECT: will QoS/retain without will flag")
            }
            let user = f & 0x80 != 0 ? try r.string() : nil
            var password: String?
            if f & 0x40 != 0 {
                guard user != nil else { throw .malformed("CONNECT: password without user name") }
                guard let p = String(validating: try r.binary(), as: UTF8.self) else { throw .malformed("CONNECT: password not UTF-8") }
                password = p
            }
            packet = .connect(clientID: clientID, username: user, password: password, keepAlive: keepAlive, cleanSession: f & 0x02 != 0, will: will)
        case 2:
            try flagsMust(0, "CONNACK")
            let ack = try r.byte(), code = try r.byte()
            guard ack & 0xFE == 0 else { throw .malformed("CONNACK: reserved bits \(ack)") }
            guard code <= 5 else { throw .malformed("CONNACK: return code \(code)") }
            packet = .connack(sessionPresent: ack == 1, returnCode: code)
        case 3:
            let qosBits = (flags >> 1) & 3
            guard let qos = QoS(rawValue: qosBits) else { throw .malformed("PUBLISH: QoS \(qosBits) not supported") }
            let dup = flags & 0x08 != 0
            let topic = try r.string()
            try Topic.validateName(topic)
            var id: UInt16 = 0
            if qos == .atLeastOnce {
                id = try r.u16()
                guard id != 0 else { throw .malformed("PUBLISH: packet id 0") }
            } else if dup { throw .malformed("PUBLISH: DUP set on QoS 0") }
            packet = .publish(topic: topic, payload: r.rest(), qos: qos, retain: flags & 1 != 0, dup: dup, packetID: id)
        case 4:
            try flagsMust(0, "PUBACK")
            packet = .puback(packetID: try r.nonZeroID("PUBACK"))
        case 8:
            try flagsMust(2, "SUBSCRIBE")
            let id = try r.nonZeroID("SUBSCRIBE")
            var topics: [(filter: String, qos: QoS)] = []
            while !r.atEnd {
                let filter = try r.string()
                try Topic.validateFilter(filter)
                let q = try r.byte()
                guard let qos = QoS(rawValue: q) else { throw .malformed("SUBSCRIBE: requested QoS \(q)") }
                topics.append((filter, qos))
            }
            guard !topics.isEmpty else { throw .malformed("SUBSCRIBE without filters") }
            packet = .subscribe(packetID: id, topics: topics)
        case 9:
            try flagsMust(0, "SUBACK")
            let id = try r.nonZeroID("SUBACK")
            let codes = r.rest()
            guard !codes.isEmpty, codes.allSatisfy({ $0 <= 2 || $0 == 0x80 }) else { throw .malformed("SUBACK: bad return codes") }
            packet = .suback(packetID: id, returnCodes: codes)
        case 12: try flagsMust(0, "PINGREQ"); packet = .pingreq
        case 13: try flagsMust(0, "PINGRESP"); packet = .pingresp
        case 14: try flagsMust(0, "DISCONNECT"); packet = .disconnect
        default: throw .malformed("packet type \(type) not supported")
        }
        guard r.atEnd else { throw .malformed("trailing bytes in packet type \(type)") }
        return packet
    }
}

/// Reads a packet body with bounds checks.
struct PacketReader {
    let bytes: [UInt8]
    var position = 0
    var atEnd: Bool { position == bytes.count }

    mutating func byte() throws(MQTTError) -> UInt8 {
        guard position < bytes.count else { throw .malformed("packet ends early") }
        defer { position += 1 }
        return bytes[position]
    }
    mutating func u16() throws(MQTTError) -> UInt16 { UInt16(try byte()) << 8 | UInt16(try byte()) }
    mutating func nonZeroID(_ name: String) throws(MQTTError) -> UInt16 {
        let id = try u16()
        guard id != 0 else { throw .malformed("\(name): packet id 0") }
        return id
    }
    mutating func binary() throws(MQTTError) -> [UInt8] {
        let n = Int(try u16())
        guard bytes.count - position >= n else { throw .malformed("field of \(n) bytes runs past the packet") }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }
    mutating func string() throws(MQTTError) -> String {
        let raw = try binary()
        guard let s = String(validating: raw, as: UTF8.self), !raw.contains(0) else { throw .malformed("string not valid UTF-8") }
        return s
    }
    mutating func rest() -> [UInt8] { defer { position = bytes.count }; return Array(bytes[position...]) }
}
