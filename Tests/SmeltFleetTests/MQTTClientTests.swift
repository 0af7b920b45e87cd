import Foundation
import XCTest
@testable import SmeltFleet

/// The client against a scripted peer on 127.0.0.1 (no external network).
final class MQTTClientTests: XCTestCase {
    private func client(_ port: UInt16, keepAlive: UInt16 = 10) -> MQTTClient {
        var c = MQTTClient.Configuration(host: "127.0.0.1", port: port, clientID: "t1", username: "d01", password: "pw")
        c.keepAlive = keepAlive
        c.retransmitAfter = 0.2
        c.initialBackoff = 0.05
        return MQTTClient(c)
    }

    func testConnectSendsCredentialsAndRefusalIsReported() throws {
        let broker = try FakeBroker { _, p in
            if case .connect(_, let user, let password, _, _, _) = p {
                return [.send(.connack(sessionPresent: false, returnCode: user == "d01" && password == "right" ? 0 : 5))]
            }
            return []
        }
        defer { broker.stop() }
        let c = client(broker.port)
        XCTAssertThrowsError(try c.connect()) { XCTAssertEqual($0 as? MQTTError, .refused(5)) }
        guard case .connect(let id, let user, let password, let keepAlive, let clean, _) = broker.received[0].packet else { return XCTFail() }
        XCTAssertEqual([id, user, password], ["t1", "d01", "pw"])
        XCTAssertEqual(keepAlive, 10)
        XCTAssertTrue(clean)
    }

    /// The first PUBLISH goes unanswered; the client resends it with DUP and the same id.
    func testQoS1IsRetransmittedWithDupUntilAcknowledged() throws {
        let broker = try FakeBroker { _, p in
            switch p {
            case .connect: return [.send(.connack(sessionPresent: false, returnCode: 0))]
            case let .publish(_, _, _, _, dup, id): return dup ? [.send(.puback(packetID: id))] : []
            case .disconnect: return [.hangUp]
            default: return []
            }
        }
        defer { broker.stop() }
        let c = client(broker.port)
        try c.connect()
        try c.publish("smelt/fleet/s/update/d01", [1, 2, 3], qos: .atLeastOnce, timeout: 5)
        XCTAssertEqual(c.pendingCount, 0)
        try c.publish("smelt/fleet/s/status/d01", [9], qos: .atMostOnce)
        c.disconnect()
        let until = Date(timeIntervalSinceNow: 2)
        while broker.received.last?.packet != .disconnect && Date() < until { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertTrue(broker.received.contains { $0.packet == .publish(topic: "smelt/fleet/s/status/d01", payload: [9], qos: .atMostOnce, retain: false, dup: false, packetID: 0) })
        let publishes = broker.received.compactMap { r -> (Bool, UInt16)? in
            if case let .publish(_, payload, _, _, dup, id) = r.packet, payload == [1, 2, 3] { return (dup, id) }
            return nil
        }
        XCTAssertEqual(publishes.map(\.0), [false, true])
        XCTAssertEqual(publishes[0].1, publishes[1].1)
        XCTAssertEqual(broker.received.last?.packet, .disconnect)
    }

    /// Keep-alive 1 s: a quiet link sends PINGREQ after about half a second.
    func testKeepAliveSendsPingreq() throws {
        let broker = try FakeBroker { _, p in
            switch p {
            case .connect: return [.send(.connack(sessionPresent: false, returnCode: 0))]
            case .pingreq: return [.send(.pingresp)]
            default: return []
            }
        }
        defer { broker.stop() }
        let c = client(broker.port, keepAlive: 1)
        try c.connect()
        Thread.sleep(forTimeInterval: 1.3)
        c.disconnect()
        let pings = broker.received.filter { $0.packet == .pingreq }.count
        XCTAssertGreaterThanOrEqual(pings, 2)
        XCTAssertEqual(broker.connectionCount, 1)
    }

    /// The broker hangs up on the first connection right after SUBACK; the client reconnects,
    /// subscribes again, resends the unacknowledged publish with DUP and delivers messages.
    func testReconnectsResubscribesAndResends() throws {
        let broker = try FakeBroker { n, p in
            switch p {
            case .connect: return [.send(.connack(sessionPresent: false, returnCode: 0))]
            case let .subscribe(id, topics):
                var actions: [FakeBroker.Action] = [.send(.suback(packetID: id, returnCodes: topics.map { _ in 1 }))]
                if n == 2 { actions.append(.send(.publish(topic: "smelt/fleet/s/round", payload: [42], qos: .atLeastOnce, retain: true, dup: false, packetID: 9))) }
                return actions
            case let .publish(_, _, _, _, _, id): return n == 1 ? [.hangUp] : [.send(.puback(packetID: id))]
            default: return []
            }
        }
        defer { broker.stop() }
        let c = client(broker.port)
        let got = NSCondition()
        nonisolated(unsafe) var messages: [[UInt8]] = []
        nonisolated(unsafe) var connections: [Int] = []
        c.onMessage { _, payload, retained in got.withLock { messages.append(payload + [retained ? 1 : 0]); got.broadcast() } }
        c.onConnected { n in got.withLock { connections.append(n) } }
        try c.connect()
        XCTAssertEqual(try c.subscribe([("smelt/fleet/s/round", .atLeastOnce)]), [1])
        try c.publish("smelt/fleet/s/update/d01", [7], qos: .atLeastOnce, timeout: 5)
        got.lock()
        let deadline = Date(timeIntervalSinceNow: 5)
        while messages.isEmpty && got.wait(until: deadline) {}
        got.unlock()
        c.disconnect()
        XCTAssertEqual(got.withLock { messages }, [[42, 1]])
        XCTAssertEqual(got.withLock { connections }, [1, 2])
        XCTAssertEqual(broker.connectionCount, 2)
        let second = broker.received.filter { $0.connection == 2 }.map(\.packet)
        XCTAssertTrue(second.contains { if case .subscribe(_, let t) = $0 { return t.map(\.filter) == ["smelt/fleet/s/round"] }; return false })
        XCTAssertTrue(second.contains { if case let .publish(_, p, _, _, dup, _) = $0 { return p == [7] && dup }; return false })
        XCTAssertTrue(second.contains(.puback(packetID: 9)))
    }

    func testConnectionRefusedIsAnIOErrorAfterRetries() throws {
        let broker = try FakeBroker { _, _ in [] }
        let port = broker.port
        broker.stop()
        let start = Date()
        XCTAssertThrowsError(try client(port).connect(retryFor: 0.3)) {
            guard case .io = $0 as? MQTTError else { return XCTFail("\($0)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
    }
}
