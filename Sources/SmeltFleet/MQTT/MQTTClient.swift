import Foundation

/// A small MQTT 3.1.1 client: CONNECT with credentials and an optional will, PUBLISH QoS 0/1,
/// SUBSCRIBE, keep-alive, clean DISCONNECT, and automatic reconnection with exponential backoff.
///
/// One background thread reads the socket, answers PUBLISH QoS 1 with PUBACK, sends PINGREQ
/// when the link has been quiet for half the keep-alive, retransmits unacknowledged QoS 1
/// publishes with DUP set, and reconnects (backoff `initialBackoff` doubling up to
/// `maximumBackoff`) when the broker goes away; on reconnection it re-subscribes, resends the
/// in-flight publishes and calls `onConnected`. Handlers run on that thread and must not block
/// waiting for acknowledgements (use `publish(..., waitForAck: false)` there).
public final class MQTTClient: @unchecked Sendable {
    /// Where and how to connect.
    public struct Configuration: Sendable {
        public var host: String
        public var port: UInt16
        public var clientID: String
        public var username: String?
        public var password: String?
        /// Seconds; PINGREQ after half of it without traffic, the link is dropped after 1.5×.
        public var keepAlive: UInt16 = 10
        public var will: Will?
        public var connectTimeout = 3.0
        /// Seconds before an unacknowledged QoS 1 PUBLISH is sent again with DUP.
        public var retransmitAfter = 1.0
        public var initialBackoff = 0.05
        public var maximumBackoff = 2.0

        public init(host: String, port: UInt16, clientID: String, username: String? = nil, password: String? = nil) {
            self.host = host; self.port = port; self.clientID = clientID
            self.username = username; self.password = password
        }
    }

    /// Called for every PUBLISH received: topic, payload, retained flag.
    public typealias MessageHandler = @Sendable (_ topic: String, _ payload: [UInt8], _ retained: Bool) -> Void

    public let configuration: Configuration
    private let state = NSCondition()
    private var socket: TCPSocket?
    private var subscriptions: [(filter: String, qos: QoS)] = []
    private var inflight: [UInt16: (packet: MQTTPacket, sentAt: Double)] = [:]
    private var subacks: [UInt16: [UInt8]] = [:]
    private var nextPacketID: UInt16 = 0
    private var closed = false
    private var lastSend = 0.0
    private var lastReceive = 0.0
    private var pingSentAt: Double?
    private var thread: Thread?
    private var onMessage: MessageHandler?
    private var onConnected: (@Sendable (_ connectionCount: Int) -> Void)?
    /// Successful CONNACKs so far (1 after the first connect, +1 per reconnection).
    public private(set) var connectionCount = 0
    /// Diagnostics: a line per reconnection attempt or dropped link.
    public var log: (@Sendable (String) -> Void)?

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Sets the handler for received messages (before `connect`).
    public func onMessage(_ handler: @escaping MessageHandler) { state.withLock { onMessage = handler } }

    /// Sets the handler called after every successful (re)connection.
    public func onConnected(_ handler: @escaping @Sendable (Int) -> Void) { state.withLock { onConnected = handler } }

    /// Connects, retrying connection failures (not refusals) for up to `retryFor` seconds, then
    /// starts the background thread. Throws `.refused(code)` when the broker rejects the credentials.
    public func connect(retryFor: Double = 0) throws(MQTTError) {
        let deadline = now() + retryFor
        var backoff = configuration.initialBackoff
        while true {
            do {
                try open()
                break
            } catch .refused(let code) {
                throw .refused(code)
            } catch {
                if now() + backoff > deadline { throw error }
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, configuration.maximumBackoff)
            }
        }
        let t = Thread { [self] in runLoop() }
        t.name = "mqtt-\(configuration.clientID)"
        state.withLock { thread = t }
        t.start()
    }

    /// Subscribes to `filters` and waits for SUBACK; returns the granted codes (0x80 = refused).
    /// Subscriptions are renewed automatically after a reconnection.
    @discardableResult
    public func subscribe(_ filters: [(filter: String, qos: QoS)], timeout: Double = 5) throws(MQTTError) -> [UInt8] {
        let id: UInt16 = state.withLock {
            subscriptions += filters
            return allocateID()
        }
        try send(.subscribe(packetID: id, topics: filters))
        let deadline = Date(timeIntervalSinceNow: timeout)
        state.lock(); defer { state.unlock() }
        while subacks[id] == nil && !closed {
            if !state.wait(until: deadline) { throw .timeout("no SUBACK for \(filters.map(\.filter))") }
        }
        guard let codes = subacks.removeValue(forKey: id) else { throw .closed }
        return codes
    }

    /// Publishes `payload`. QoS 1 keeps the message until PUBACK, resending it with DUP (also
    /// across reconnections); with `waitForAck` the call returns only once acknowledged (or throws
    /// `.timeout` after `timeout` seconds). QoS 0 while disconnected throws `.io`.
    public func publish(_ topic: String, _ payload: [UInt8], qos: QoS = .atLeastOnce, retain: Bool = false,
                        waitForAck: Bool = true, timeout: Double = 30) throws(MQTTError) {
        if qos == .atMostOnce {
            try send(.publish(topic: topic, payload: payload, qos: qos, retain: retain, dup: false, packetID: 0))
            return
        }
        let id: UInt16 = try locked { () throws(MQTTError) -> UInt16 in
            guard !closed else { throw MQTTError.closed }
            let id = allocateID()
            let packet = MQTTPacket.publish(topic: topic, payload: payload, qos: qos, retain: retain, dup: false, packetID: id)
            _ = try packet.encode()  // validate before queueing
            inflight[id] = (packet, now())
            if let s = socket { try? transmit(packet, on: s) }
            return id
        }
        guard waitForAck else { return }
        let deadline = Date(timeIntervalSinceNow: timeout)
        state.lock(); defer { state.unlock() }
        while inflight[id] != nil {
            if closed { throw .closed }
            if !state.wait(until: deadline) { throw .timeout("no PUBACK for \(topic)") }
        }
    }

    /// Number of QoS 1 publishes not yet acknowledged.
    public var pendingCount: Int { state.withLock { inflight.count } }

    /// Waits until every QoS 1 publish is acknowledged or `timeout` passes; true when drained.
    public func flush(timeout: Double = 5) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        state.lock(); defer { state.unlock() }
        while !inflight.isEmpty { if !state.wait(until: deadline) { return false } }
        return true
    }

    /// Sends DISCONNECT (the broker then discards the will) and stops the client.
    public func disconnect() {
        state.withLock {
            guard !closed else { return }
            closed = true
            if let s = socket { try? transmit(.disconnect, on: s); s.close() }
            socket = nil
            state.broadcast()
        }
        if let t = state.withLock({ thread }), t != Thread.current {
            while !t.isFinished { Thread.sleep(forTimeInterval: 0.005) }
        }
    }

    // MARK: - Internals

    /// Runs `body` holding `state`, keeping the typed error.
    private func locked<T>(_ body: () throws(MQTTError) -> T) throws(MQTTError) -> T {
        state.lock(); defer { state.unlock() }
        return try body()
    }

    private func now() -> Double { Date().timeIntervalSinceReferenceDate }

    /// Must hold `state`.
    private func allocateID() -> UInt16 {
        repeat { nextPacketID = nextPacketID &+ 1 } while nextPacketID == 0 || inflight[nextPacketID] != nil || subacks[nextPacketID] != nil
        return nextPacketID
    }

    /// Must hold `state`.
    private func transmit(_ packet: MQTTPacket, on s: TCPSocket) throws(MQTTError) {
        try s.send(try packet.encode())
        lastSend = now()
    }

    private func send(_ packet: MQTTPacket) throws(MQTTError) {
        try locked { () throws(MQTTError) in
            guard !closed else { throw MQTTError.closed }
            guard let s = socket else { throw MQTTError.io("not connected") }
            try transmit(packet, on: s)
        }
    }

    /// Opens a socket, sends CONNECT and waits for CONNACK; on success installs the socket,
    /// re-subscribes and resends in-flight publishes with DUP.
    private func open() throws(MQTTError) {
        let c = configuration
        let s = try TCPSocket(host: c.host, port: c.port, timeout: c.connectTimeout)
        try s.send(try MQTTPacket.connect(clientID: c.clientID, username: c.username, password: c.password,
                                          keepAlive: c.keepAlive, cleanSession: true, will: c.will).encode())
        var buffer: [UInt8] = []
        let deadline = now() + c.connectTimeout
        var frame: [UInt8]?
        while frame == nil {
            guard now() < deadline else { s.close(); throw .timeout("no CONNACK from \(c.host):\(c.port)") }
            buffer += try s.receive(timeout: 0.1)
            frame = try PacketDecoder.nextFrame(&buffer)
        }
        guard case let .connack(_, code) = try PacketDecoder.decode(frame!) else { s.close(); throw .malformed("expected CONNACK") }
        guard code == 0 else { s.close(); throw .refused(code) }
        let handler: (@Sendable (Int) -> Void)? = try locked { () throws(MQTTError) in
            guard !closed else { s.close(); throw MQTTError.closed }
            socket = s
            pending = buffer
            lastReceive = now(); pingSentAt = nil
            connectionCount += 1
            if !subscriptions.isEmpty {
                try? transmit(.subscribe(packetID: allocateID(), topics: subscriptions), on: s)
            }
            for (id, entry) in inflight.sorted(by: { $0.key < $1.key }) {
                guard case let .publish(t, p, q, r, _, _) = entry.packet else { continue }
                let again = MQTTPacket.publish(topic: t, payload: p, qos: q, retain: r, dup: true, packetID: id)
                inflight[id] = (again, now())
                try? transmit(again, on: s)
            }
            return onConnected
        }
        handler?(connectionCount)
    }

    private var pending: [UInt8] = []

    private func runLoop() {
        var backoff = configuration.initialBackoff
        while !state.withLock({ closed }) {
            guard let s = state.withLock({ socket }) else {
                Thread.sleep(forTimeInterval: backoff)
                do {
                    try open()
                    log?("reconnected after \(String(format: "%.2f", backoff)) s backoff")
                    backoff = configuration.initialBackoff
                } catch {
                    log?("reconnect failed (\(error)); next try in \(min(backoff * 2, configuration.maximumBackoff)) s")
                    backoff = min(backoff * 2, configuration.maximumBackoff)
                }
                continue
            }
            do {
                let data = try s.receive(timeout: 0.05)
                var frames: [[UInt8]] = []
                state.withLock {
                    if !data.isEmpty { lastReceive = now(); pending += data }
                }
                while let f = try locked({ () throws(MQTTError) in try PacketDecoder.nextFrame(&pending) }) { frames.append(f) }
                for f in frames { try handle(try PacketDecoder.decode(f), on: s) }
                try housekeeping(s)
            } catch {
                dropConnection(s, reason: "\(error)")
            }
        }
    }

    private func dropConnection(_ s: TCPSocket, reason: String) {
        let wasOpen = state.withLock { () -> Bool in
            guard socket === s else { return false }
            socket = nil
            pending = []
            s.close()
            return !closed
        }
        if wasOpen { log?("connection lost: \(reason)") }
    }

    private func handle(_ packet: MQTTPacket, on s: TCPSocket) throws(MQTTError) {
        switch packet {
        case let .publish(topic, payload, qos, retain, _, id):
            if qos == .atLeastOnce { try locked { () throws(MQTTError) in try transmit(.puback(packetID: id), on: s) } }
            state.withLock { onMessage }?(topic, payload, retain)
        case let .puback(id):
            state.withLock { inflight[id] = nil; state.broadcast() }
        case let .suback(id, codes):
            state.withLock { subacks[id] = codes; state.broadcast() }
        case .pingresp:
            state.withLock { pingSentAt = nil }
        default:
            throw .malformed("unexpected packet from broker: \(packet)")
        }
    }

    /// Keep-alive and retransmission, run after every receive poll.
    private func housekeeping(_ s: TCPSocket) throws(MQTTError) {
        let keepAlive = Double(configuration.keepAlive)
        try locked { () throws(MQTTError) in
            let t = now()
            if let sent = pingSentAt, t - sent > keepAlive { throw MQTTError.timeout("no PINGRESP within \(keepAlive) s") }
            if keepAlive > 0, pingSentAt == nil, t - lastSend >= keepAlive / 2 {
                try transmit(.pingreq, on: s)
                pingSentAt = t
            }
            for (id, entry) in inflight where t - entry.sentAt >= configuration.retransmitAfter {
                guard case let .publish(tp, p, q, r, _, _) = entry.packet else { continue }
                let again = MQTTPacket.publish(topic: tp, payload: p, qos: q, retain: r, dup: true, packetID: id)
                inflight[id] = (again, t)
                try transmit(again, on: s)
            }
        }
    }
}
