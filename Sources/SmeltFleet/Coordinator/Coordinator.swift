import Foundation

/// Runs `CoordinatorCore` over MQTT: publishes each round (retained, QoS 1), collects updates
/// until every asked device answered, all of them are offline, or the round deadline passes;
/// retries an empty round with replacement devices; saves the state atomically after every
/// round; republishes the current round after a reconnection or a restart.
public final class Coordinator: @unchecked Sendable {
    public let config: FleetConfig
    let broker: BrokerAddress
    let statePath: String
    let log: @Sendable (String) -> Void
    private let inbox = MessageInbox()

    public init(config: FleetConfig, broker: BrokerAddress, statePath: String, log: @escaping @Sendable (String) -> Void) {
        self.config = config; self.broker = broker; self.statePath = statePath; self.log = log
    }

    /// Runs to the last round; returns the final state.
    public func run() throws -> CoordinatorState {
        let core: CoordinatorCore
        if let saved = try CoordinatorState.load(statePath, matching: config) {
            core = try CoordinatorCore(config: config, state: saved)
            core.noteResume()
            log("resumed from \(statePath) at round \(saved.round), model version \(saved.modelVersion)")
        } else {
            core = try CoordinatorCore(config: config, state: CoordinatorState(config: config))
            log("initialised \(config.strategy) on \(config.devices.count) devices, \(core.state.parameters.count) parameters")
        }
        try core.state.save(to: statePath)

        var mqtt = MQTTClient.Configuration(host: broker.host, port: broker.port, clientID: "smelt-coordinator-\(config.fleet)",
                                            username: broker.username ?? "coordinator", password: broker.password)
        mqtt.keepAlive = 4
        let client = MQTTClient(mqtt)
        try inbox.connect(client, log: log)
        let topics = FleetTopics(fleet: config.fleet)
        let granted = try client.subscribe([(topics.allUpdates, .atLeastOnce), (topics.allStatus, .atLeastOnce)])
        guard !granted.contains(0x80) else { throw FleetError("broker refused the coordinator's subscriptions (check the ACL)") }

        while !core.finished {
            let round = core.state.round
            let first = core.beginRound()
            let scheduled = FleetSchedule.simulationChoice(config, round: round)
            for d in scheduled where !first.participants.contains(d) {
                log("round \(round): \(d) is offline; asking \(first.participants.filter { !scheduled.contains($0) }.joined(separator: ",")) instead")
            }
            try announce(first, client)
            var deadline = Date(timeIntervalSinceNow: config.roundTimeout)
            while true {
                drain(core, client, until: deadline)
                if let again = core.reselectIfIdle() {
                    log("round \(round): devices are back; asking \(again.participants.joined(separator: ","))")
                    try announce(again, client)
                    deadline = Date(timeIntervalSinceNow: config.roundTimeout)
                    continue
                }
                if core.allAnswered { break }
                if Date() >= deadline || core.nobodyLeftToWaitFor {
                    let missing = core.deadlinePassed()
                    for d in missing { log("round \(round): \(d) did not answer (vanished or offline)") }
                    if core.participants.isEmpty { log("round \(round): no device available (all offline)") }
                    if core.answerCount == 0, let retry = core.retry() {
                        log("round \(round): no answers; attempt \(core.attempt + 1) asks \(retry.participants.joined(separator: ","))")
                        try announce(retry, client)
                        deadline = Date(timeIntervalSinceNow: config.roundTimeout)
                        continue
                    }
                    break
                }
            }
            let drops = core.roundDrops
            let used = core.completeRound()
            try core.state.save(to: statePath)
            for (who, why) in drops { log("round \(round): dropped \(who): \(why)") }
            log("round \(round) done: \(used.count) update(s) from \(used.isEmpty ? "nobody" : used.joined(separator: ",")), model version \(core.state.modelVersion)")
        }
        try announce(core.roundMessage(), client)
        _ = client.flush(timeout: 5)
        client.disconnect()
        return core.state
    }

    private func announce(_ m: FleetMessage, _ client: MQTTClient) throws {
        try client.publish(FleetTopics(fleet: config.fleet).round, try m.encode(), qos: .atLeastOnce, retain: true, waitForAck: false)
    }

    /// Processes inbox messages until `deadline` or until the round can end; then handles what
    /// is already queued without waiting, so a duplicate that arrived with the last answer is
    /// classified against this round (duplicate), not the next (stale).
    private func drain(_ core: CoordinatorCore, _ client: MQTTClient, until deadline: Date) {
        var limit = deadline
        while let event = inbox.take(until: limit) {
            switch event {
            case .reconnected:
                log("reconnected to the broker; republishing round \(core.state.round)")
                try? announce(core.roundMessage(), client)
            case let .message(topic, payload, _):
                if topic.contains("/status/") { core.receiveStatus(topic: topic, payload: payload) }
                else { core.receiveUpdate(topic: topic, payload: payload) }
            }
            if core.allAnswered || core.nobodyLeftToWaitFor { limit = .distantPast }
            if core.participants.isEmpty && event.isStatus { return }
        }
    }
}

/// A thread-safe queue between the MQTT reader thread and a main loop.
final class MessageInbox: @unchecked Sendable {
    enum Event {
        case message(String, [UInt8], retained: Bool), reconnected
        var isStatus: Bool { if case let .message(t, _, _) = self { return t.contains("/status/") } else { return false } }
    }
    private let condition = NSCondition()
    private var events: [Event] = []

    func put(_ e: Event) { condition.withLock { events.append(e); condition.signal() } }

    /// Routes `client`'s messages and reconnections into this inbox, its log lines to `log`
    /// (prefixed "mqtt: "), then connects (retrying for up to 10 s).
    func connect(_ client: MQTTClient, log: @escaping @Sendable (String) -> Void) throws {
        client.onMessage { [self] topic, payload, retained in put(.message(topic, payload, retained: retained)) }
        client.onConnected { [self] n in if n > 1 { put(.reconnected) } }
        client.log = { log("mqtt: \($0)") }
        try client.connect(retryFor: 10)
    }

    /// The next event, or `nil` once `deadline` passes.
    func take(until deadline: Date) -> Event? {
        condition.lock(); defer { condition.unlock() }
        while events.isEmpty {
            if deadline <= Date() || !condition.wait(until: deadline) { return nil }
        }
        return events.removeFirst()
    }
}
