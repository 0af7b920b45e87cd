import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// The hand-written `dot` model built for every board and run under QEMU.
@Suite(.enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct FirmwareRunTests {
    /// Inputs and outputs worked by hand: acc_j = bias_j + Σ x_i·w_ji, out = clamp(acc >> 2).
    /// Sample 3: acc0 = 16 − 128 + 254 + 20 − 25 + 60 − 70 + 24 = 151 → 37;
    ///           acc1 = −16 + 1024 − 889 − 25 + 20 − 30 + 20 − 3 = 101 → 25.
    /// Sample 4: acc1 = −16 + 1 = −15 → floor(−15 / 4) = −4.
    static let samples: [[Int32]] = [
        [1, 1, 1, 1, 1, 1, 1, 1],
        [127, 127, 127, 127, 127, 127, 127, 127],
        [-128, 127, 0, 5, -5, 10, -10, 3],
        [0, 0, 0, 0, 0, 0, 0, -1],
    ]
    static let expected: [[Int32]] = [[13, -13], [127, -128], [37, 25], [2, -4]]

    @Test(arguments: ["cortex-m0", "cortex-m0-mps2", "cortex-m3", "cortex-m4", "cortex-m7"])
    func dotModelGivesTheHandComputedRows(boardName: String) throws {
        let board = try Board.load(boardName)
        let elf = try Fixtures.dotFirmware(board: board)
        let input = try SampleFile.encode(samples: Self.samples, inputSize: 8, elementBytes: 1)
        let result = try QEMURunner().run(elf: elf, board: board, input: input, timeout: 60)
        #expect(result.exitCode == 0)
        #expect(try result.requireRows(elf: elf.lastPathComponent) == Self.expected)
        let size = try SizeReport.measure(elf: elf)
        #expect(size.fit(on: board).fits)
        #expect(size.text > 0 && size.bss >= 8 + 2 + 8)  // arena + output + input buffers at least
    }

    @Test func int16ModelOnCortexM4() throws {
        let board = try Board.load("cortex-m4")
        let elf = try Fixtures.dotFirmware(board: board, io16: true, optimization: .size)
        // acc0 = 16 + 1000·36 = 36016 → 9004; acc1 = −36016 → −9004; 32767·36 saturates.
        let input = try SampleFile.encode(
            samples: [[1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], [32767, 32767, 32767, 32767, 32767, 32767, 32767, 32767]],
            inputSize: 8, elementBytes: 2)
        let result = try QEMURunner().run(elf: elf, board: board, input: input)
        #expect(try result.requireRows(elf: "dot16") == [[9004, -9004], [32767, -32768]])
    }

    @Test func noSamplesRunsNothingAndTruncatedInputIsAnError() throws {
        let board = try Board.load("cortex-m3")
        let elf = try Fixtures.dotFirmware(board: board)
        let empty = try QEMURunner().run(elf: elf, board: board, input: Data())
        #expect(empty.exitCode == 0 && empty.output.isEmpty)
        let truncated = try QEMURunner().run(elf: elf, board: board, input: Data([1, 2, 3]))
        #expect(truncated.exitCode == 4)
        #expect(truncated.output.contains("smelt-runner: truncated sample"))
        #expect(throws: SmeltError.self) { try truncated.requireRows(elf: "dot") }
    }
}
