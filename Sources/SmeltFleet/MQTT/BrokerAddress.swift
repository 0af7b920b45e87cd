/// A broker URL `mqtt://[user[:password]@]host[:port]` (port 1883 by default).
public struct BrokerAddress: Sendable, Equatable {
    public var host: String
    public var port: UInt16
    public var username: String?
    public var password: String?

    public init(host: String, port: UInt16 = 1883, username: String? = nil, password: String? = nil) {
        self.host = host; self.port = port; self.username = username; self.password = password
    }

    /// Parses `url`; `mqtt://d01:secret@127.0.0.1:18830` → host 127.0.0.1, port 18830, user d01.
    public init(_ url: String) throws {
        guard url.hasPrefix("mqtt://") else { throw FleetError("broker URL must start with mqtt://, got '\(url)'") }
        var rest = Substring(url.dropFirst(7))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                username = String(info[..<colon]); password = String(info[info.index(after: colon)...])
            } else { username = String(info) }
        }
        port = 1883
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let p = UInt16(rest[rest.index(after: colon)...]), p > 0 else { throw FleetError("broker URL '\(url)': bad port") }
            port = p
            rest = rest[..<colon]
        }
        host = String(rest).trimmingCharacters(in: ["[", "]"])
        guard !host.isEmpty else { throw FleetError("broker URL '\(url)': missing host") }
    }
}
