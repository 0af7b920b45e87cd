/// Delivery guarantee of a PUBLISH: at most once (0) or at least once (1). QoS 2 is not used.
public enum QoS: UInt8, Sendable, Equatable {
    case atMostOnce = 0
    case atLeastOnce = 1
}

/// The last-will message the broker publishes when a client vanishes without DISCONNECT.
public struct Will: Sendable, Equatable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: QoS
    public var retain: Bool
    public init(topic: String, payload: [UInt8], qos: QoS = .atLeastOnce, retain: Bool = true) {
        self.topic = topic; self.payload = payload; self.qos = qos; self.retain = retain
    }
}

/// The MQTT 3.1.1 control packets this client sends or receives (QoS 2 packets are absent).
public enum MQTTPacket: Sendable, Equatable {
    case connect(clientID: String, username: String?, password: String?, keepAlive: UInt16, cleanSession: Bool, will: Will?)
    /// `sessionPresent`, return code (0 = accepted).
    case connack(sessionPresent: Bool, returnCode: UInt8)
    /// `packetID` is 0 for QoS 0 and non-zero otherwise.
    case publish(topic: String, payload: [UInt8], qos: QoS, retain: Bool, dup: Bool, packetID: UInt16)
    case puback(packetID: UInt16)
    case subscribe(packetID: UInt16, topics: [(filter: String, qos: QoS)])
    /// One return code per filter: granted QoS 0/1/2 or 0x80 failure.
    case suback(packetID: UInt16, returnCodes: [UInt8])
    case pingreq
    case pingresp
    case disconnect

    public static func == (a: MQTTPacket, b: MQTTPacket) -> Bool {
        switch (a, b) {
        case let (.connect(a1, a2, a3, a4, a5, a6), .connect(b1, b2, b3, b4, b5, b6)):
            return a1 == b1 && a2 == b2 && a3 == b3 && a4 == b4 && a5 == b5 && a6 == b6
        case let (.connack(a1, a2), .connack(b1, b2)): return a1 == b1 && a2 == b2
        case let (.publish(a1, a2, a3, a4, a5, a6), .publish(b1, b2, b3, b4, b5, b6)):
            return a1 == b1 && a2 == b2 && a3 == b3 && a4 == b4 && a5 == b5 && a6 == b6
        case let (.puback(x), .puback(y)): return x == y
        case let (.subscribe(x, xs), .subscribe(y, ys)):
            return x == y && xs.map(\.filter) == ys.map(\.filter) && xs.map(\.qos) == ys.map(\.qos)
        case let (.suback(x, xs), .suback(y, ys)): return x == y && xs == ys
        case (.pingreq, .pingreq), (.pingresp, .pingresp), (.disconnect, .disconnect): return true
        default: return false
        }
    }

    /// The packet's bytes on the wire: fixed header (type, flags, remaining length) then body.
    public func encode() throws(MQTTError) -> [UInt8] {
        var w = PacketWriter()
        let header: UInt8
        switch self {
        case let .connect(clientID, username, password, keepAlive, cleanSession, will):
            header = 0x10
            try w.string("MQTT")
            w.byte(4)  // protocol level 3.1.1
            var flags: UInt8 = cleanSession ? 0x02 : 0
            if let will { flags |= 0x04 | (will.qos.rawValue << 3) | (will.retain ? 0x20 : 0) }
            if password != nil { flags |= 0x40 }
            if username != nil { flags |= 0x80 }
            if password != nil && username == nil { throw .malformed("password without user name") }
            w.byte(flags)
            w.u16(keepAlive)
            try w.string(clientID)
            if let will { try w.string(will.topic); try w.binary(will.payload) }
            if let username { try w.string(username) }
            if let password { try w.binary(Array(password.utf8)) }
        case let .connack(sessionPresent, returnCode):
            header = 0x20
            w.byte(sessionPresent ? 1 : 0); w.byte(returnCode)
        case let .publish(topic, payload, qos, retain, dup, packetID):
            try Topic.validateName(topic)
            if qos == .atMostOnce && (dup || packetID != 0) { throw .malformed("QoS 0 PUBLISH with DUP or packet id") }
            if qos == .atLeastOnce && packetID == 0 { throw .malformed("QoS 1 PUBLISH needs a non-zero packet id") }
            header = 0x30 | (dup ? 0x08 : 0) | (qos.rawValue << 1) | (retain ? 1 : 0)
            try w.string(topic)
            if qos == .atLeastOnce { w.u16(packetID) }
            w.bytes += payload
        case let .puback(packetID):
            header = 0x40
            w.u16(packetID)
        case let .subscribe(packetID, topics):
            header = 0x82
            guard packetID != 0, !topics.isEmpty else { throw .malformed("SUBSCRIBE needs a packet id and a filter") }
            w.u16(packetID)
            for t in topics { try Topic.validateFilter(t.filter); try w.string(t.filter); w.byte(t.qos.rawValue) }
        case let .suback(packetID, codes):
            header = 0x90
            w.u16(packetID); w.bytes += codes
        case .pingreq: header = 0xC0
        case .pingresp: header = 0xD0
        case .disconnect: header = 0xE0
        }
        return [header] + (try RemainingLength.encode(w.bytes.count)) + w.bytes
    }
}

/// Builds a packet body: big-endian integers and length-prefixed strings.
struct PacketWriter {
    var bytes: [UInt8] = []
    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xFF)) }
    mutating func binary(_ data: [UInt8]) throws(MQTTError) {
        guard data.count <= 0xFFFF else { throw .malformed("field longer than 65,535 bytes") }
        u16(UInt16(data.count)); bytes += data
    }
    mutating func string(_ s: String) throws(MQTTError) { try binary(Array(s.utf8)) }
}

/// Topic names and filters (spec §4.7).
public enum Topic {
    /// A topic name to publish to: non-empty, ≤ 65,535 bytes, no `+`, `#` or NUL.
    public static func validateName(_ t: String) throws(MQTTError) {
        guard !t.isEmpty, t.utf8.count <= 0xFFFF else { throw .malformed("empty or overlong topic") }
        guard !t.contains("+"), !t.contains("#"), !t.contains("\u{0}") else { throw .malformed("wildcard or NUL in topic name '\(t)'") }
    }

    /// A subscription filter: `+` fills a whole level, `#` only as the whole last level.
    public static func validateFilter(_ f: String) throws(MQTTError) {
        guard !f.isEmpty, f.utf8.count <= 0xFFFF, !f.contains("\u{0}") else { throw .malformed("empty or overlong filter") }
        let levels = f.split(separator: "/", omittingEmptySubsequences: false)
        for (i, level) in levels.enumerated() {
            if level.contains("#") && (level != "#" || i != levels.count - 1) { throw .malformed("misplaced '#' in filter '\(f)'") }
            if level.contains("+") && level != "+" { throw .malformed("misplaced '+' in filter '\(f)'") }
        }
    }

    /// Whether topic `name` matches `filter` (`a/+/c`, `a/#`).
    public static func matches(_ name: String, filter: String) -> Bool {
        let n = name.split(separator: "/", omittingEmptySubsequences: false)
        let f = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (i, level) in f.enumerated() {
            if level == "#" { return true }
            guard i < n.count else { return false }
            if level != "+" && level != n[i] { return false }
        }
        return n.count == f.count
    }
}
