import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// Instruction counts from QEMU's single-step trace: deterministic and proportional to work.
@Suite(.enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct InstructionCountTests {
    @Test(arguments: ["cortex-m0", "cortex-m4"])
    func loopCountsGrowByAConstantPerIteration(boardName: String) throws {
        let board = try Board.load(boardName)
        let elf = try Fixtures.spinFirmware(board: board)
        // Non-zero trip counts only: a loop that runs at all pays a fixed entry cost once.
        let input = try SampleFile.encode(samples: [[10], [60], [110], [10]], inputSize: 1, elementBytes: 1)
        let counts = try InstructionCounter().count(elf: elf, board: board, input: input, timeout: 120)
        print("spin on \(boardName): per inference \(counts.perInference), per layer \(counts.perLayer), total \(counts.total)")
        func sum(_ n: Int32) -> Int32 { n * (n - 1) / 2 & 0x7f }  // acc = 0 + 1 + ... + (n − 1), low 7 bits
        #expect(counts.run.rows() == [[sum(10)], [sum(60)], [sum(110)], [sum(10)]])
        let c = counts.perInference
        try #require(c.count == 4)
        #expect(c[0] == c[3])                 // same work, same count
        #expect(c[2] - c[1] == c[1] - c[0])   // linear in the iteration count
        let perIteration = (c[2] - c[0]) / 100
        #expect((c[2] - c[0]) % 100 == 0)
        #expect((2...8).contains(perIteration))
        let layers = counts.perLayer.map { $0.first ?? -1 }
        #expect(layers[2] - layers[0] == 100 * perIteration)  // the whole loop is inside layer 0
    }

    @Test func countsAreIdenticalAcrossRuns() throws {
        let board = try Board.load("cortex-m3")
        let elf = try Fixtures.dotFirmware(board: board)
        let input = try SampleFile.encode(samples: FirmwareRunTests.samples, inputSize: 8, elementBytes: 1)
        let first = try InstructionCounter().count(elf: elf, board: board, input: input)
        let second = try InstructionCounter().count(elf: elf, board: board, input: input)
        print("dot on cortex-m3: per inference \(first.perInference), per layer \(first.perLayer), total \(first.total)")
        #expect(first == second)
        #expect(first.run.rows() == FirmwareRunTests.expected)
        #expect(first.perInference.count == 4 && first.perLayer.allSatisfy { $0.count == 2 })
        // 16 multiply-accumulates need at least 16 instructions, and nothing in the model needs 1000.
        #expect(first.perInference.allSatisfy { (16...1000).contains($0) })
        #expect(first.perLayer.allSatisfy { $0.reduce(0, +) < first.perInference[0] })
        #expect(first.total > first.perInference.reduce(0, +))
    }

    @Test func missingMarkersAreReported() throws {
        let board = try Board.load("cortex-m3")
        let elf = try Fixtures.program("int main(void) { return 0; }\n", board: board)
        #expect(throws: SmeltError.self) { try InstructionCounter().count(elf: elf, board: board) }
    }
}
