import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

@Suite struct BoardTests {
    @Test func listsTheFiveBoards() throws {
        #expect(try Board.names() == ["cortex-m0", "cortex-m0-mps2", "cortex-m3", "cortex-m4", "cortex-m7"])
    }

    @Test func microbitFigures() throws {
        let b = try Board.load("cortex-m0")
        #expect(b.qemuMachine == "microbit")
        #expect(b.flashOrigin == 0 && b.flashBytes == 262_144)
        #expect(b.ramOrigin == 0x2000_0000 && b.ramBytes == 16_384)
        #expect(b.qemuRamBytes == b.ramBytes)
        #expect(!b.fpu && !b.dsp)
        #expect(b.gccFlags == ["-mcpu=cortex-m0", "-mthumb", "-mfloat-abi=soft"])
        #expect(FileManager.default.fileExists(atPath: b.linkerScript.path))
    }

    @Test(arguments: [
        ("cortex-m0-mps2", "mps2-an385", "cortex-m0", 4_194_304, 4_194_304),
        ("cortex-m3", "mps2-an385", "cortex-m3", 524_288, 65_536),
        ("cortex-m4", "mps2-an386", "cortex-m4", 1_048_576, 196_608),
        ("cortex-m7", "mps2-an500", "cortex-m7", 1_048_576, 327_680),
    ])
    func mps2Figures(name: String, machine: String, core: String, flash: Int, ram: Int) throws {
        let b = try Board.load(name)
        #expect(b.qemuMachine == machine)
        #expect(b.core == core)
        #expect(b.gccFlags.first == "-mcpu=\(core)")
        #expect(b.flashBytes == flash && b.ramBytes == ram)
        #expect(b.qemuFlashBytes == 4 << 20 && b.qemuRamBytes == 4 << 20)
        #expect(b.ramOrigin == 0x2000_0000)
        #expect(b.dsp == (core == "cortex-m4" || core == "cortex-m7"))
    }

    @Test func unknownBoardNamesTheKnownOnes() {
        #expect(throws: SmeltError.self) { try Board.load("cortex-m99") }
        do {
            _ = try Board.load("cortex-m99")
        } catch {
            #expect("\(error)".contains("unknown board \"cortex-m99\""))
            #expect("\(error)".contains("cortex-m4"))
        }
    }

    @Test func badOriginIsReportedWithThePath() {
        let json = """
            {"name":"x","core":"cortex-m0","architecture":"armv6-m","description":"d","qemuMachine":"microbit",
             "flashOrigin":"0xZZ","flashBytes":1,"ramOrigin":"0x20000000","ramBytes":1,"qemuFlashBytes":1,
             "qemuRamBytes":1,"fpu":false,"dsp":false,"clockHz":1,"gccFlags":[]}
            """
        #expect(throws: SmeltError("x/board.json: flashOrigin \"0xZZ\" is not a hex address")) {
            try Board.decode(Data(json.utf8), directory: URL(fileURLWithPath: "/tmp"), path: "x/board.json")
        }
    }
}
