import XCTest
@testable import SmeltFleet

final class FleetMessageTests: XCTestCase {
    func testCRC32CheckValue() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([UInt8]()), 0)
    }

    private func sampleUpdate(weights: [Float] = [0.5, -1.25, 3]) -> FleetMessage {
        FleetMessage(kind: .update, modelVersion: 0x0102_0304, round: 7, sampleCount: 10, deviceID: "d01", weights: weights)
    }

    /// The header layout of docs/fleet-protocol.md, byte for byte.
    func testUpdateLayout() throws {
        let b = try sampleUpdate().encode()
        XCTAssertEqual(b.count, 32 + 4 + 1 + 2 + 4 + 12 + 4)
        XCTAssertEqual(Array(b[0..<8]), [0x53, 0x4D, 0x46, 0x4C, 1, 2, 0, 0])  // SMFL v1 update float32
        XCTAssertEqual(Array(b[8..<12]), [59, 0, 0, 0])  // total length
        XCTAssertEqual(Array(b[12..<24]), [4, 3, 2, 1, 7, 0, 0, 0, 10, 0, 0, 0])
        XCTAssertEqual(Array(b[32..<36]), [3, 0x64, 0x30, 0x31])  // "d01"
        XCTAssertEqual(Array(b[36..<43]), [0, 0, 0, 3, 0, 0, 0])  // no architecture, 0 participants, 3 weights
        XCTAssertEqual(Array(b[43..<47]), [0, 0, 0, 0x3F])  // 0.5
        let crc = CRC32.checksum(b[0..<55])
        XCTAssertEqual(Array(b[55..<59]), [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
    }

    func testRoundTrips() throws {
        var round = FleetMessage(kind: .round, modelVersion: 3, round: 2, sampleCount: 10, deviceID: "sine",
                                 weights: (0..<1761).map { Float($0) * 0.001 - 0.8 })
        round.learningRate = 0.01; round.localEpochs = 1; round.batchSize = 1
        round.architecture = "1-40-40-1"; round.participants = ["d03", "d17"]
        XCTAssertEqual(try FleetMessage.decode(try round.encode()), round)
        let update = sampleUpdate()
        XCTAssertEqual(try FleetMessage.decode(try update.encode()), update)
    }

    /// int8: scale = max|w|/127; 3 → 127, −1.25 → round(−52.92) = −53, 0.5 → round(21.17) = 21.
    func testInt8Encoding() throws {
        var m = sampleUpdate()
        m.encoding = .int8
        let b = try m.encode()
        let back = try FleetMessage.decode(b)
        let scale = Float(3) / 127
        XCTAssertEqual(back.weights, [21 * scale, -53 * scale, 127 * scale])
        XCTAssertEqual(b.count, 59 - 12 + 3 + 4)
    }

    /// Any single flipped bit, and any truncation, is rejected.
    func testCorruptionIsRejected() throws {
        let b = try sampleUpdate().encode()
        for i in 0..<b.count {
            for bit in 0..<8 {
                var c = b
                c[i] ^= 1 << bit
                XCTAssertThrowsError(try FleetMessage.decode(c), "byte \(i) bit \(bit)")
            }
        }
        for n in 0..<b.count { XCTAssertThrowsError(try FleetMessage.decode(Array(b[0..<n]))) }
        XCTAssertThrowsError(try FleetMessage.decode(b + [0]))
    }

    func testSpecificErrors() throws {
        var b = try sampleUpdate().encode()
        b[4] = 2
        XCTAssertEqual(try? FleetMessage.decode(b), nil)
        XCTAssertThrowsError(try FleetMessage.decode(b)) { XCTAssertEqual($0 as? FleetProtocolError, .unsupportedVersion(2)) }
        var c = try sampleUpdate().encode()
        c[50] ^= 0xFF
        XCTAssertThrowsError(try FleetMessage.decode(c)) {
            guard case .checksumMismatch = $0 as? FleetProtocolError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try FleetMessage.decode(Array("hello world, not a fleet message".utf8))) {
            XCTAssertEqual($0 as? FleetProtocolError, .badMagic)
        }
        XCTAssertThrowsError(try FleetMessage(kind: .update, modelVersion: 1, round: 0, sampleCount: 1, deviceID: "bad id", weights: []).encode())
    }

    /// Random bytes behind a valid magic and length never crash the decoder.
    func testRandomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            var b = FleetMessage.magic + [1] + (0..<Int.random(in: 0..<80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if b.count >= 12 { let n = UInt32(b.count); for i in 0..<4 { b[8 + i] = UInt8(truncatingIfNeeded: n >> (8 * i)) } }
            XCTAssertNil(try? FleetMessage.decode(b))
        }
    }
}
