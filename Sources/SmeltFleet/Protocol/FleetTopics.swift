/// The MQTT topics of one fleet (documented in docs/fleet-protocol.md).
///
/// `smelt/fleet/<fleet>/round` — coordinator → devices, retained: the current round (or done).
/// `smelt/fleet/<fleet>/update/<device>` — device → coordinator: one device's trained weights.
/// `smelt/fleet/<fleet>/status/<device>` — device presence, retained: `online`, or `offline` as
/// the device's last will when it vanishes.
public struct FleetTopics: Sendable, Equatable {
    public let fleet: String
    public init(fleet: String) { self.fleet = fleet }

    public var round: String { "smelt/fleet/\(fleet)/round" }
    public func update(_ device: String) -> String { "smelt/fleet/\(fleet)/update/\(device)" }
    public func status(_ device: String) -> String { "smelt/fleet/\(fleet)/status/\(device)" }
    public var allUpdates: String { "smelt/fleet/\(fleet)/update/+" }
    public var allStatus: String { "smelt/fleet/\(fleet)/status/+" }

    /// The device named by an update or status topic of this fleet, if `topic` is one.
    public func device(in topic: String, kind: String) -> String? {
        let prefix = "smelt/fleet/\(fleet)/\(kind)/"
        guard topic.hasPrefix(prefix) else { return nil }
        let id = String(topic.dropFirst(prefix.count))
        return FleetMessage.isValidID(id) ? id : nil
    }
}
