import XCTest
@testable import SmeltFleet

final class RemainingLengthTests: XCTestCase {
    /// The boundary values of spec table 2.4, byte for byte.
    func testEncodesSpecBoundaries() throws {
        let cases: [(Int, [UInt8])] = [
            (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (321, [0xC1, 0x02]), (16_383, [0xFF, 0x7F]),
            (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]), (2_097_152, [0x80, 0x80, 0x80, 0x01]),
            (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
        ]
        for (value, bytes) in cases {
            XCTAssertEqual(try RemainingLength.encode(value), bytes, "\(value)")
            let decoded = try XCTUnwrap(try RemainingLength.decode(bytes + [0xAA]))
            XCTAssertEqual(decoded.value, value)
            XCTAssertEqual(decoded.count, bytes.count)
        }
    }

    func testRoundTripsEveryScale() throws {
        var v = 1
        while v <= RemainingLength.maximum {
            for x in [v - 1, v, v + 1] where x <= RemainingLength.maximum {
                let b = try RemainingLength.encode(x)
                XCTAssertEqual(try RemainingLength.decode(b)?.value, x)
            }
            v *= 3
        }
    }

    func testIncompleteNeedsMoreBytes() throws {
        XCTAssertNil(try RemainingLength.decode([]))
        XCTAssertNil(try RemainingLength.decode([0x80]))
        XCTAssertNil(try RemainingLength.decode([0xFF, 0xFF, 0xFF]))
    }

    func testRejectsMalformed() {
        XCTAssertThrowsError(try RemainingLength.decode([0xFF, 0xFF, 0xFF, 0xFF, 0x01]))  // 5 bytes
        XCTAssertThrowsError(try RemainingLength.decode([0x80, 0x00]))  // non-minimal 0
        XCTAssertThrowsError(try RemainingLength.encode(RemainingLength.maximum + 1))
        XCTAssertThrowsError(try RemainingLength.encode(-1))
    }
}
