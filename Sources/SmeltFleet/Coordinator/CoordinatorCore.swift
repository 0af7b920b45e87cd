import SmeltFederated

/// The coordinator's round logic without any transport: which devices to ask, which messages
/// to accept, when a round is over and what the new model is. `Coordinator` drives it over MQTT;
/// tests drive it directly.
///
/// Accepted update: decodes with a valid checksum, is an update, comes from a fleet device whose
/// id matches its topic, carries the current round and model version, came from a device asked
/// this round, is the first from that device this round, and holds finite weights of the right
/// count. Everything else is dropped with its reason. The server rule is SmeltFederated's
/// `FederatedServer`, applied to the updates in the order the schedule asked.
public final class CoordinatorCore {
    public let learning: FleetLearning
    private var server: FederatedServer
    public let config: FleetConfig
    public private(set) var state: CoordinatorState
    let topics: FleetTopics
    private let fleet: Set<String>
    /// Devices asked in the current attempt and in any attempt of this round.
    public private(set) var participants: [String] = []
    private var askedThisRound: Set<String> = []
    public private(set) var attempt = 0
    private var received: [String: (weights: [Float], samples: Int)] = [:]
    /// Devices whose status is `offline` (their will) or that missed a deadline since last `online`.
    public private(set) var unavailable: Set<String> = []
    /// Drops of the current round: (device or topic, reason).
    public private(set) var roundDrops: [(String, String)] = []

    public init(config: FleetConfig, state: CoordinatorState) throws {
        self.config = config; self.state = state
        learning = try FleetLearning(config)
        server = learning.server(parameters: state.parameters, round: state.round)
        topics = FleetTopics(fleet: config.fleet)
        fleet = Set(config.devices)
    }

    public var finished: Bool { state.round >= config.rounds }

    /// Begins attempt 0 of the current round.
    public func beginRound() -> FleetMessage {
        attempt = 0; received = [:]; askedThisRound = []; roundDrops = []
        return beginAttempt()
    }

    /// Asks replacements after an attempt brought nothing: devices not yet asked and not known
    /// unavailable. Returns `nil` when attempts are used up.
    public func retry() -> FleetMessage? {
        guard attempt + 1 < config.maxAttempts else { return nil }
        attempt += 1
        return beginAttempt()
    }

    private func beginAttempt() -> FleetMessage {
        participants = FleetSchedule.participants(config, round: state.round, attempt: attempt,
                                                  excluding: attempt == 0 ? unavailable : unavailable.union(askedThisRound))
        askedThisRound.formUnion(participants)
        return roundMessage()
    }

    /// The retained announcement of the current round (republished after reconnects/restarts).
    public func roundMessage() -> FleetMessage {
        var m = FleetMessage(kind: finished ? .done : .round, modelVersion: state.modelVersion, round: UInt32(state.round),
                             sampleCount: UInt32(config.samplesPerRound), deviceID: config.fleet, weights: state.parameters)
        m.learningRate = config.innerLearningRate
        m.localEpochs = UInt16(config.localEpochs); m.batchSize = UInt16(config.batchSize)
        m.architecture = config.layers.map(String.init).joined(separator: "-")
        m.participants = finished ? [] : participants
        return m
    }

    /// Handles a message on an update topic; returns `nil` when accepted, else the drop reason.
    @discardableResult
    public func receiveUpdate(topic: String, payload: [UInt8]) -> String? {
        let reason = check(topic: topic, payload: payload)
        if let reason {
            roundDrops.append((topics.device(in: topic, kind: "update") ?? topic, reason))
            let key = String(reason.prefix { $0 != "(" && $0 != ":" }).trimmingCharacters(in: .whitespaces)
            state.drops[key, default: 0] += 1
        }
        return reason
    }

    private func check(topic: String, payload: [UInt8]) -> String? {
        guard let device = topics.device(in: topic, kind: "update") else { return "not an update topic: \(topic)" }
        guard fleet.contains(device) else { return "unknown device: \(device) is not in the fleet list" }
        let m: FleetMessage
        do { m = try FleetMessage.decode(payload) } catch { return "corrupt: \(error)" }
        guard m.kind == .update else { return "not an update: kind \(m.kind)" }
        guard m.deviceID == device else { return "impersonation: payload says \(m.deviceID) on \(device)'s topic" }
        guard Int(m.round) == state.round, m.modelVersion == state.modelVersion else {
            return "stale (round \(m.round) model \(m.modelVersion), current round \(state.round) model \(state.modelVersion))"
        }
        guard askedThisRound.contains(device) else { return "not asked this round" }
        guard received[device] == nil else { return "duplicate (round \(m.round))" }
        guard m.weights.count == state.parameters.count else { return "wrong parameter count \(m.weights.count)" }
        guard m.weights.allSatisfy(\.isFinite) else { return "diverged: non-finite weights" }
        received[device] = (m.weights, Int(m.sampleCount))
        unavailable.remove(device)
        return nil
    }

    /// A status message: `offline` (a will) marks the device unavailable, `online` clears it.
    public func receiveStatus(topic: String, payload: [UInt8]) {
        guard let device = topics.device(in: topic, kind: "status"), fleet.contains(device) else { return }
        if payload == Array("offline".utf8) { unavailable.insert(device) }
        if payload == Array("online".utf8) { unavailable.remove(device) }
    }

    /// Every device of this attempt has answered (false while nobody is asked).
    public var allAnswered: Bool { !participants.isEmpty && participants.allSatisfy { received[$0] != nil } }
    /// Every device still awaited is known offline: waiting longer is pointless.
    public var nobodyLeftToWaitFor: Bool {
        !participants.isEmpty && participants.allSatisfy { received[$0] != nil || unavailable.contains($0) }
    }

    /// The attempt found no available device (e.g. every will fired when the broker went down)
    /// but one is back `online`: ask again in the same attempt. Otherwise `nil`.
    public func reselectIfIdle() -> FleetMessage? {
        guard participants.isEmpty, config.devices.contains(where: { !unavailable.contains($0) }) else { return nil }
        return beginAttempt()
    }
    public var answerCount: Int { received.count }

    /// Marks this attempt's non-responders unavailable (until they say `online` again).
    public func deadlinePassed() -> [String] {
        let missing = participants.filter { received[$0] == nil }
        unavailable.formUnion(missing)
        return missing
    }

    /// Applies the server rule to the updates received (in the order the schedule asked them),
    /// advances the round and model version. Returns the devices whose updates were used.
    public func completeRound() -> [String] {
        let ordered = participantsOrder(received.keys.sorted())
        let phi = state.parameters
        if ordered.count < config.devicesPerRound { state.shortRounds += 1 }
        server.apply(ordered.map { learning.update(trained: received[$0]!.weights, from: phi, samples: received[$0]!.samples) })
        state.parameters = server.parameters
        state.round += 1
        state.modelVersion &+= 1
        received = [:]
        participants = []
        return ordered
    }

    /// Updates in the order the schedule asked (what the simulation sums in), then any others.
    private func participantsOrder(_ used: [String]) -> [String] {
        let asked = FleetSchedule.participants(config, round: state.round)
        return asked.filter { received[$0] != nil } + used.filter { !asked.contains($0) }
    }

    /// Notes a coordinator restart in the state.
    public func noteResume() { state.resumes += 1 }
}
