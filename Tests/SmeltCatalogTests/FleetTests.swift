import Foundation
import Testing
import SmeltIR
import SmeltTargets
@testable import SmeltCatalog

@Suite struct FleetTests {
    @Test func exampleFleetLoads() throws {
        let c = try Catalog.load(Support.fleet)
        #expect(c.models.map(\.name) == ["autoencoder", "digits", "ds_cnn", "gesture", "presence", "sine"])
        #expect(c.devices.count == 23)
        #expect(Set(c.devices.map(\.board)).count == 10)
        #expect(try c.model("ds_cnn").macs == 2_656_768)   // ReferenceModels' documented count
        #expect(try c.model("autoencoder").macs == 264_192)
    }

    @Test func embeddedDefaultIsTheFleet() throws {
        let embedded = Support.snapshot(try Catalog.embeddedDirectory())
        let fleet = Support.snapshot(Support.fleet).filter { !$0.key.hasSuffix(".sh") && !$0.key.hasSuffix(".md") }
        #expect(embedded.keys.sorted() == fleet.keys.sorted())
        #expect(embedded == fleet, "Sources/SmeltCatalog/DefaultCatalog differs from Examples/fleet: copy it again")
    }

    @Test func bundledBoardsKeepTheirFields() throws {
        let m4 = try #require(try BoardSpec.bundledBoards().first { $0.name == "cortex-m4" })
        #expect(m4 == BoardSpec(name: "cortex-m4", core: "cortex-m4", architecture: "armv7e-m", description: try Board.load("cortex-m4").description,
                                clockHz: 180_000_000, flashBytes: 1_048_576, ramBytes: 196_608, fpu: true, dsp: true, bundled: true))
        // A bundled board.json reads as a BoardSpec too (same vocabulary).
        let file = try Board.boardsDirectory().appendingPathComponent("cortex-m0/board.json")
        let spec = try BoardSpec.decode(try Catalog.readJSON(file), file: file.path)
        #expect(spec.ramBytes == 16_384 && spec.clockHz == 16_000_000 && !spec.fpu)
    }

    @Test func matchReasons() throws {
        let c = try Catalog.load(Support.fleet)
        func reasons(_ m: String, _ d: String) throws -> [Rejection] {
            let dev = try c.device(d)
            return Matcher.rejections(model: try c.model(m), device: dev, board: c.board(of: dev))
        }
        // stm32f030: 16 KiB flash, 4 KiB RAM; ds_cnn needs 28 296 B flash and a 16 000 B arena.
        #expect(try reasons("ds_cnn", "pump-room-02") == [.flashShort(28_296 - 16_384), .ramShort(16_000 - 4_096)])
        #expect(try reasons("presence", "office-a-102") == [.noFPU])
        #expect(try reasons("presence", "office-a-101") == [])
        #expect(try reasons("presence", "office-b-201") == [.noFPU, .missingSensor("co2"), .missingSensor("hygrometer")])
        #expect(try reasons("gesture", "wrist-03") == [.missingSensor("gyroscope")])
        #expect(try reasons("autoencoder", "hall-mic-03") == [.flashShort(278_944 - 262_144)])
        #expect(Rejection.ramShort(12).description == "RAM short by 12 bytes")
        let sine = Matcher.devices(for: try c.model("sine"), in: c).filter(\.fits).map(\.device)
        #expect(sine == ["conveyor-enc-01", "conveyor-enc-02", "conveyor-enc-03", "robot-arm-01"])
    }
}
