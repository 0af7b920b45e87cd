import Foundation
import Testing
import SmeltIR
@testable import SmeltCodegen
@testable import SmeltTargets

/// The DSP kernels (Cortex-M4/M7), the portable kernels and a naive reference of the kernel
/// contract give byte-identical int8 outputs on 450 random shapes (odd channel counts, strides
/// 1 and 2, same and valid padding, kernels 1 x 1 to 5 x 5, channel and input tails not
/// divisible by 4, positive and negative shifts), checked on the board itself under QEMU.
@Suite(.enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct KernelEquivalenceTests {
    @Test(arguments: [("cortex-m4", FirmwareBuilder.Optimization.speed), ("cortex-m7", .speed), ("cortex-m4", .size),
                      ("cortex-m0-mps2", .size)])
    func dspPortableAndReferenceAgree(boardName: String, optimization: FirmwareBuilder.Optimization) throws {
        let board = try Board.load(boardName)
        let dir = try Fixtures.folder(KernelCheckProgram.files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sources = ["main.c", "dsp.c", "small.c", "port.c"].map { dir.appendingPathComponent($0) }
        let elf = try FirmwareBuilder().build(
            sources: sources, includeDirs: [try KernelLibrary.directory], board: board, optimization: optimization,
            extraFlags: ["-Werror"], output: dir.appendingPathComponent("kernel-check.elf"))
        let result = try QEMURunner().run(elf: elf, board: board, timeout: 120)
        #expect(result.exitCode == 0, "\(boardName): \(result.output)")
        #expect(result.output.contains("kernel-check ok 450"), "\(boardName): \(result.output)")
    }
}
