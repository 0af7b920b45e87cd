import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// Measurement helper, not a test: with `SMELT_MEASURE="ds-cnn:cortex-m4:O2 digits:cortex-m0:Os"`
/// it builds each model for the board and prints instructions per inference (QEMU exec trace,
/// one inference), per layer, and the ELF's text/data/bss. Without the variable it does nothing.
///
///     SMELT_MEASURE="ds-cnn:cortex-m4:O2" swift test --skip-build --filter KernelMeasurement
@Suite struct KernelMeasurement {
    static let requests = ProcessInfo.processInfo.environment["SMELT_MEASURE"]?
        .split(separator: " ").map { $0.split(separator: ":").map(String.init) } ?? []

    @Test(.enabled(if: !requests.isEmpty && ArmTools.available, "set SMELT_MEASURE to measure"))
    func measure() throws {
        for r in Self.requests where r.count == 3 {
            let board = try Board.load(r[1])
            let p = try BoardModels.prepare(r[0], count: 1)
            let elf = try BoardModels.firmware(p, board: board, optimization: r[2] == "Os" ? .size : .speed, layerHooks: true)
            let size = try SizeReport.measure(elf: elf)
            let input = try SampleFile.encode(samples: p.inputs, inputSize: p.inputs[0].count, elementBytes: 1)
            let counts = try InstructionCounter().count(elf: elf, board: board, input: input, timeout: 1200)
            let expected = try BoardModels.expected(p)
            print("SMELT-MEASURE \(r[0]) \(r[1]) \(r[2]): instructions \(counts.perInference.first ?? -1) "
                  + "text \(size.text) data \(size.data) bss \(size.bss) exact \(counts.run.rows() == expected)")
            print("SMELT-MEASURE   per layer \(counts.perLayer.first ?? [])")
        }
    }
}
