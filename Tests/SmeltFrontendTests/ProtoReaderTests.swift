import Testing
@testable import SmeltFrontend
import SmeltIR

@Suite("Protobuf wire format")
struct ProtoReaderTests {
    @Test("varint 150 in field 1 (the protobuf documentation's example)")
    func varint() throws {
        var r = ProtoReader([0x08, 0x96, 0x01])
        let f = try #require(try r.next())
        #expect(f.number == 1)
        #expect(try f.int64() == 150)
        #expect(try r.next() == nil)
    }

    @Test("negative int64 is a 10-byte two's-complement varint")
    func negative() throws {
        var r = ProtoReader([0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        let f = try #require(try r.next())
        #expect(f.number == 2)
        #expect(try f.int64() == -1)
    }

    @Test("length-delimited string, fixed32 float, fixed64")
    func mixed() throws {
        // field 3 "hi"; field 4 fixed32 1.5 (0x3FC00000); field 5 fixed64 2.0 as double bits.
        let bytes: [UInt8] = [0x1A, 0x02, 0x68, 0x69,
                              0x25, 0x00, 0x00, 0xC0, 0x3F,
                              0x29, 0, 0, 0, 0, 0, 0, 0, 0x40]
        var r = ProtoReader(bytes)
        let s = try #require(try r.next())
        #expect(try s.string(in: r) == "hi")
        let f = try #require(try r.next())
        #expect(try f.float() == 1.5)
        let d = try #require(try r.next())
        #expect(try d.packedDoubles(in: r) == [2.0])
    }

    @Test("packed repeated int64 and float, and the unpacked form")
    func packed() throws {
        // field 1 packed varints [3, 270, -2→ten bytes]; field 4 packed floats [1, -2].
        let bytes: [UInt8] = [0x0A, 0x0D, 0x03, 0x8E, 0x02, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
                              0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0,
                              0x08, 0x07]
        var r = ProtoReader(bytes)
        #expect(try r.next()!.packedInt64s(in: r) == [3, 270, -2])
        #expect(try r.next()!.packedFloats(in: r) == [1, -2])
        #expect(try r.next()!.packedInt64s(in: r) == [7])
    }

    @Test("truncated and corrupt buffers give errors, not crashes", arguments: [
        ([0x08] as [UInt8], "varint runs past the end"),
        ([0x0A, 0x05, 0x01], "declares 5 bytes but only 1 remain"),
        ([0x0D, 0x00, 0x00], "fixed32 runs past the end"),
        ([0x0B], "unsupported wire type 3"),
        ([0x00, 0x01], "invalid field number 0"),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "varint longer than 10 bytes"),
    ])
    func corrupt(bytes: [UInt8], message: String) {
        var r = ProtoReader(bytes)
        #expect {
            while try r.next() != nil {}
        } throws: { e in
            (e as? SmeltError)?.message.contains(message) == true
        }
    }
}
