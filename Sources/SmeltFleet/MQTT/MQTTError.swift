/// What can go wrong talking MQTT.
public enum MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes that are not a valid MQTT 3.1.1 packet (the text says which rule was broken).
    case malformed(String)
    /// The broker answered CONNECT with a non-zero return code (4 bad credentials, 5 not authorised).
    case refused(UInt8)
    /// Socket-level failure: resolve, connect, send or receive.
    case io(String)
    /// No answer in time (CONNACK, SUBACK, PUBACK after the retries).
    case timeout(String)
    /// The client was closed by `disconnect()`.
    case closed

    public var description: String {
        switch self {
        case .malformed(let s): return "malformed MQTT packet: \(s)"
        case .refused(let code): return "broker refused the connection: \(MQTTError.connackText(code))"
        case .io(let s): return "MQTT connection: \(s)"
        case .timeout(let s): return "MQTT timeout: \(s)"
        case .closed: return "MQTT client closed"
        }
    }

    /// The meaning of a CONNACK return code (spec §3.2.2.3).
    public static func connackText(_ code: UInt8) -> String {
        switch code {
        case 1: return "unacceptable protocol version (1)"
        case 2: return "identifier rejected (2)"
        case 3: return "server unavailable (3)"
        case 4: return "bad user name or password (4)"
        case 5: return "not authorized (5)"
        default: return "return code \(code)"
        }
    }
}
