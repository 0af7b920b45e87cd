import XCTest
@testable import SmeltFleet

final class PacketTests: XCTestCase {
    /// CONNECT of client "c1", user "u", password "p", keep-alive 10, clean session, no will.
    func testConnectBytes() throws {
        let p = MQTTPacket.connect(clientID: "c1", username: "u", password: "p", keepAlive: 10, cleanSession: true, will: nil)
        XCTAssertEqual(try p.encode(), [
            0x10, 20,
            0x00, 0x04, 0x4D, 0x51, 0x54, 0x54,  // "MQTT"
            0x04,  // level 4 = 3.1.1
            0xC2,  // user, password, clean session
            0x00, 0x0A,  // keep-alive 10
            0x00, 0x02, 0x63, 0x31,  // "c1"
            0x00, 0x01, 0x75,  // "u"
            0x00, 0x01, 0x70,  // "p"
        ])
    }

    func testPublishQoS1Bytes() throws {
        let p = MQTTPacket.publish(topic: "a/b", payload: [1, 2], qos: .atLeastOnce, retain: true, dup: true, packetID: 7)
        XCTAssertEqual(try p.encode(), [0x3B, 9, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x07, 1, 2])
    }

    func testRoundTripsEveryPacket() throws {
        let packets: [MQTTPacket] = [
            .connect(clientID: "dev", username: "d01", password: "secret", keepAlive: 4, cleanSession: true,
                     will: Will(topic: "s/d01", payload: Array("offline".utf8))),
            .connect(clientID: "", username: nil, password: nil, keepAlive: 0, cleanSession: false, will: nil),
            .connack(sessionPresent: false, returnCode: 0), .connack(sessionPresent: true, returnCode: 5),
            .publish(topic: "smelt/fleet/x/round", payload: Array(repeating: 9, count: 300), qos: .atLeastOnce, retain: true, dup: false, packetID: 65535),
            .publish(topic: "t", payload: [], qos: .atMostOnce, retain: false, dup: false, packetID: 0),
            .puback(packetID: 1), .subscribe(packetID: 2, topics: [("a/+/c", .atLeastOnce), ("#", .atMostOnce)]),
            .suback(packetID: 2, returnCodes: [1, 0x80]), .pingreq, .pingresp, .disconnect,
        ]
        for p in packets {
            var stream = try p.encode() + [0x00]  // followed by the start of another packet
            let frame = try XCTUnwrap(try PacketDecoder.nextFrame(&stream))
            XCTAssertEqual(stream, [0x00])
            XCTAssertEqual(try PacketDecoder.decode(frame), p)
        }
    }

    func testRejectsMalformedPackets() {
        let bad: [(String, [UInt8])] = [
            ("PUBACK with flags", [0x41, 2, 0, 1]),
            ("PUBACK id 0", [0x40, 2, 0, 0]),
            ("PUBACK short", [0x40, 1, 0]),
            ("PUBLISH QoS 3", [0x36, 5, 0, 1, 0x61, 0, 1]),
            ("PUBLISH QoS 1 id 0", [0x32, 5, 0, 1, 0x61, 0, 0]),
            ("PUBLISH DUP on QoS 0", [0x38, 3, 0, 1, 0x61]),
            ("PUBLISH wildcard topic", [0x30, 3, 0, 1, 0x2B]),
            ("PUBLISH topic past end", [0x30, 3, 0, 9, 0x61]),
            ("PUBLISH bad UTF-8", [0x30, 4, 0, 2, 0xC3, 0x28]),
            ("CONNACK code 6", [0x20, 2, 0, 6]),
            ("CONNACK reserved", [0x20, 2, 2, 0]),
            ("CONNACK trailing", [0x20, 3, 0, 0, 0]),
            ("SUBSCRIBE flags 0", [0x80, 6, 0, 1, 0, 1, 0x61, 0]),
            ("SUBSCRIBE QoS 3", [0x82, 6, 0, 1, 0, 1, 0x61, 3]),
            ("SUBSCRIBE bad filter", [0x82, 7, 0, 1, 0, 2, 0x23, 0x61, 0]),
            ("SUBACK code 3", [0x90, 3, 0, 1, 3]),
            ("PINGRESP with body", [0xD0, 1, 0]),
            ("type 0", [0x00, 0]), ("type 15", [0xF0, 0]),
            ("length mismatch", [0xC0, 1]),
            ("CONNECT MQIsdp", [0x10, 12, 0, 6, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 3, 0, 0, 0]),
        ]
        for (name, bytes) in bad {
            XCTAssertThrowsError(try PacketDecoder.decode(bytes), name)
        }
    }

    func testFramerRefusesHugeAndOverlongLengths() {
        var huge: [UInt8] = [0x30, 0xFF, 0xFF, 0xFF, 0x7F]
        XCTAssertThrowsError(try PacketDecoder.nextFrame(&huge))
        var overlong: [UInt8] = [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        XCTAssertThrowsError(try PacketDecoder.nextFrame(&overlong))
        var partial: [UInt8] = [0x30, 0x05, 0x00]
        XCTAssertNil(try PacketDecoder.nextFrame(&partial))
        XCTAssertEqual(partial.count, 3)
    }

    /// Random bytes and mutated valid packets: decoding either succeeds or throws, never traps.
    func testRandomAndMutatedInputNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        let valid = try MQTTPacket.publish(topic: "smelt/fleet/s/update/d01", payload: Array(0..<40), qos: .atLeastOnce,
                                           retain: false, dup: false, packetID: 3).encode()
        var accepted = 0
        for i in 0..<20_000 {
            var bytes: [UInt8]
            if i % 2 == 0 {
                bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                bytes = valid
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng)) }
            }
            if (try? PacketDecoder.decode(bytes)) != nil { accepted += 1 }
            var stream = bytes
            _ = try? PacketDecoder.nextFrame(&stream)
        }
        XCTAssertLessThan(accepted, 20_000)
    }

    func testTopicMatching() {
        XCTAssertTrue(Topic.matches("smelt/fleet/a/update/d01", filter: "smelt/fleet/a/update/+"))
        XCTAssertTrue(Topic.matches("smelt/fleet/a/update/d01", filter: "smelt/#"))
        XCTAssertFalse(Topic.matches("smelt/fleet/a/round", filter: "smelt/fleet/a/update/+"))
        XCTAssertFalse(Topic.matches("smelt/fleet/a/update/d01/x", filter: "smelt/fleet/a/update/+"))
        XCTAssertThrowsError(try Topic.validateFilter("a/#/b"))
        XCTAssertThrowsError(try Topic.validateFilter("a/b+"))
        XCTAssertNoThrow(try Topic.validateFilter("+/+/#"))
    }

    func testBrokerURL() throws {
        let b = try BrokerAddress("mqtt://d01:pa:ss@127.0.0.1:18830")
        XCTAssertEqual(b, BrokerAddress(host: "127.0.0.1", port: 18830, username: "d01", password: "pa:ss"))
        XCTAssertEqual(try BrokerAddress("mqtt://broker.local").port, 1883)
        XCTAssertThrowsError(try BrokerAddress("http://x"))
        XCTAssertThrowsError(try BrokerAddress("mqtt://x:99999"))
    }
}
