import Foundation
import Testing
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltEmulator

/// `smelt share` through the executable.
@Suite struct ShareCommandTests {
    @Test func isomorphicSharesTheMixerStage() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let g = try ConvMixerModel.graph(input: [8, 8, 1], width: 4, blocks: 3, classes: 10, shared: false)
        try ModelFile.write(g, to: dir.path("mixer.json"))
        let r = try SmeltProcess.run(["share", dir.path("mixer.json"), "--mode", "isomorphic", "--stages", "mixer", "-o", dir.path("out.json")])
        #expect(r.status == 0, "\(r.err)")
        // Unshared: stem 20 + 8, 3 × (dw 40 + pw 20 + BN 16), head 50 → 306; shared: 28 + 40 + 20 + 3·16 + 50 = 186.
        #expect(r.out.contains("parameters: 306 -> 186"))
        #expect(r.out.contains("fine-tuned: no"))
        #expect(r.out.contains("group mixer.shared1.weight: 3 layers (mixer.b0.dw, mixer.b1.dw, mixer.b2.dw)"))
        #expect(r.out.contains("int8 flash estimate:"))
        let out = try ModelFile.load(path: dir.path("out.json"))
        #expect(out.sharedTensors.count == 4)
        #expect(GraphStatistics(out).totalParameters == GraphStatistics(try ConvMixerModel.graph(
            input: [8, 8, 1], width: 4, blocks: 3, classes: 10, shared: true)).totalParameters)
    }

    @Test func exactKeepsOutputs() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["share", "Examples/digits/digits.json", "--mode", "exact", "-o", dir.path("d.json")])
        #expect(r.status == 0)
        #expect(r.out.contains("fine-tuned: no (outputs are unchanged)"))
        #expect(r.out.contains("parameters: 3818 -> 3818"))
    }

    @Test func errors() throws {
        let bad = try SmeltProcess.run(["share", "Examples/digits/digits.json", "--mode", "isomorphic", "--stages", "nope", "-o", "/tmp/x.json"])
        #expect(bad.status == 1)
        #expect(bad.errLines.count == 1 && bad.err.contains("Examples/digits/digits.json") && bad.err.contains("\"nope\""))
        let usage = try SmeltProcess.run(["share", "Examples/digits/digits.json", "--mode", "sideways", "-o", "/tmp/x.json"])
        #expect(usage.status == 2)
    }
}

/// `smelt bench-share code-size`: with shared kernels the kernel code does not grow with depth.
@Suite struct BenchShareCodeSizeTests {
    @Test func kernelCodeIsIndependentOfDepth() throws {
        let r = try SmeltProcess.run(["bench-share", "code-size", "--width", "8", "--blocks", "2,6"])
        #expect(r.status == 0, "\(r.err)")
        let summaries = r.out.split(separator: "\n").filter { $0.hasPrefix("6 vs 2 blocks") }
        #expect(!summaries.isEmpty)
        for s in summaries { #expect(s.hasSuffix("code delta ≤ parameter delta"), "\(s)") }
    }
}

/// The shared digits ConvMixer (Examples/kernel-sharing/shared.json) compiled for a Cortex-M0 and
/// run under QEMU gives the IntegerInterpreter's bytes on the 20 rows of Examples/digits/inputs.csv.
@Suite(.enabled(if: CLIArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct SharedExampleOnCortexM0Tests {
    @Test func qemuEqualsTheIntegerInterpreter() throws {
        let root = SmeltProcess.packageRoot
        let float = try Pipeline.standard(ModelFile.load(path: root.appendingPathComponent("Examples/kernel-sharing/shared.json").path))
        let cal = try Calibration.collect(graph: float, samples: CSVData(path: root.appendingPathComponent("Examples/digits/calibration.csv").path).rows)
        let q = try Quantizer.quantize(graph: float, calibration: cal, scheme: .int8)
        let interpreter = try IntegerInterpreter(graph: q)
        let rows = try CSVData(path: root.appendingPathComponent("Examples/digits/inputs.csv").path).rows
        let expected = try rows.map { try interpreter.run(q.quantizeInput($0)).map(String.init).joined(separator: ",") }
        let r = try SmeltProcess.run(["run", "Examples/kernel-sharing/shared.json", "--target", "cortex-m0",
                                      "-c", "Examples/digits/calibration.csv", "-i", "Examples/digits/inputs.csv", "--raw"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.split(separator: "\n").map(String.init) == expected)
    }
}
