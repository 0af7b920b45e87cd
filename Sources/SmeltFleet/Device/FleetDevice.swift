import Foundation
import SmeltFederated

/// One device process: waits for round announcements naming it, trains the announced model on
/// its next `k` local samples with the same step as the simulation, and publishes the update
/// (QoS 1) on its own topic. An announcement it already answered (after a reconnection or a
/// coordinator restart) gets the cached update again, so local data is never consumed twice.
/// Presence: `online` retained on its status topic, `offline` as its last will.
public final class FleetDevice: @unchecked Sendable {
    /// Test-only misbehaviour, to show the coordinator's defences.
    public struct Faults: Sendable {
        /// Before each real update, send a copy with one byte flipped.
        public var corrupt = false
        /// After each update, send the previous round's update again (stale) and this one
        /// (duplicate); on rounds that do not ask this device, replay its last update (stale).
        public var replay = false
        /// Also send, on its own topic, a copy whose payload claims to come from another device.
        public var impersonate = false
        public init() {}
    }

    let id: String
    let fleet: String
    let broker: BrokerAddress
    var data: DeviceSamples
    let faults: Faults
    let log: @Sendable (String) -> Void
    private let inbox = MessageInbox()
    private var cached: (round: UInt32, version: UInt32, bytes: [UInt8])?
    private var previous: [UInt8]?
    private var sawRound = false
    /// Rounds this device trained in.
    public private(set) var roundsTrained = 0

    public init(id: String, fleet: String, broker: BrokerAddress, data: DeviceSamples, faults: Faults = Faults(),
                log: @escaping @Sendable (String) -> Void) {
        self.id = id; self.fleet = fleet; self.broker = broker; self.data = data; self.faults = faults; self.log = log
    }

    /// Runs until the coordinator announces the end. Throws when the broker refuses the device.
    public func run() throws {
        let topics = FleetTopics(fleet: fleet)
        var c = MQTTClient.Configuration(host: broker.host, port: broker.port, clientID: "smelt-device-\(id)",
                                         username: broker.username ?? id, password: broker.password)
        c.keepAlive = 4
        c.will = Will(topic: topics.status(id), payload: Array("offline".utf8), qos: .atLeastOnce, retain: true)
        let client = MQTTClient(c)
        try inbox.connect(client, log: log)
        try client.publish(topics.status(id), Array("online".utf8), qos: .atLeastOnce, retain: true, waitForAck: false)
        let granted = try client.subscribe([(topics.round, .atLeastOnce)])
        guard !granted.contains(0x80) else { throw FleetError("broker refused \(id)'s subscription to \(topics.round)") }
        while true {
            guard let event = inbox.take(until: Date(timeIntervalSinceNow: 60)) else { continue }
            switch event {
            case .reconnected:
                try? client.publish(topics.status(id), Array("online".utf8), qos: .atLeastOnce, retain: true, waitForAck: false)
            case let .message(_, payload, retained):
                let m: FleetMessage
                do { m = try FleetMessage.decode(payload) } catch { log("ignored a bad round message: \(error)"); continue }
                if m.kind == .round { sawRound = true }
                // A retained `done` seen before any round is left over from an earlier run: wait.
                if m.kind == .done && retained && !sawRound {
                    log("the broker still holds the end of an earlier run (model version \(m.modelVersion)); waiting for a round")
                    continue
                }
                if m.kind == .done {
                    log("training finished at model version \(m.modelVersion); trained in \(roundsTrained) round(s)")
                    _ = client.flush(timeout: 3)
                    client.disconnect()
                    return
                }
                if faults.replay, m.kind == .round, !m.participants.contains(id), let old = previous {
                    try client.publish(topics.update(id), old, waitForAck: false)  // replay a captured update
                }
                guard m.kind == .round, m.participants.contains(id) else { continue }
                try answer(m, client, topics)
            }
        }
    }

    private func answer(_ m: FleetMessage, _ client: MQTTClient, _ topics: FleetTopics) throws {
        if let c = cached, c.round == m.round, c.version == m.modelVersion {
            try client.publish(topics.update(id), c.bytes, waitForAck: false)
            return
        }
        if let c = cached, (c.round, c.version) > (m.round, m.modelVersion) { return }  // old retained message
        let sizes = m.architecture.split(separator: "-").compactMap { Int($0) }
        guard let mlp = try? MLP(sizes: sizes), mlp.parameterCount == m.weights.count, sizes.first == 1, sizes.last == 1 else {
            log("round \(m.round): architecture '\(m.architecture)' does not match \(m.weights.count) weights; skipped")
            return
        }
        let samples = data.next(round: Int(m.round), count: Int(m.sampleCount))
        let trainer = DeviceTrainer(mlp: mlp, loss: .meanSquaredError, learningRate: m.learningRate,
                                    epochs: Int(max(1, m.localEpochs)), batchSize: Int(max(1, m.batchSize)))
        let theta = trainer.localTrain(initial: m.weights, samples: samples).weights
        let update = FleetMessage(kind: .update, modelVersion: m.modelVersion, round: m.round, sampleCount: UInt32(samples.count),
                                  deviceID: id, weights: theta)
        let bytes = try update.encode()
        if faults.corrupt {
            var bad = bytes
            bad[bad.count / 2] ^= 0x5A
            try client.publish(topics.update(id), bad, waitForAck: false)
        }
        try client.publish(topics.update(id), bytes, waitForAck: false)
        if faults.replay {
            if let previous { try client.publish(topics.update(id), previous, waitForAck: false) }
            try client.publish(topics.update(id), bytes, waitForAck: false)
        }
        if faults.impersonate {
            var forged = update
            forged.deviceID = id == "d00" ? "d01" : "d00"
            try client.publish(topics.update(id), try forged.encode(), waitForAck: false)
        }
        previous = bytes
        cached = (m.round, m.modelVersion, bytes)
        roundsTrained += 1
        log("round \(m.round): trained on \(samples.count) samples, update sent")
    }
}
