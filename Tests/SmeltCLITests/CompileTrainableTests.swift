import Foundation
import SmeltCLI
import Testing

/// `smelt compile --trainable`: the generated training step and the RAM it needs.
@Suite struct CompileTrainableTests {
    static let digits = SmeltProcess.packageRoot.appendingPathComponent("Examples/digits").path

    @Test(arguments: ["float32", "fixed"])
    func digitsHeadPrintsTheRAMOfTheStep(arithmetic: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let c = CapturingConsole()
        let status = SmeltCLI.run(["compile", "\(Self.digits)/digits.json", "--calibrate", "\(Self.digits)/calibration.csv",
                                   "-o", dir.path("out"), "--trainable", "fc", "--learn-arithmetic", arithmetic, "-q"], console: c.console)
        #expect(status == 0, "\(c.err)")
        // Dense 256 → 10: 4·(2570 parameters + 266 activations + 2·10 gradients + flag) + 256 int8 features.
        #expect(c.out.contains("training step (\(arithmetic), layers fc, 256 → 10): 11684 bytes of RAM"), "\(c.out)")
        let header = try String(contentsOfFile: dir.path("out/digits.h"), encoding: .utf8)
        #expect(header.contains("#define DIGITS_LEARN_RAM_BYTES 11684 "))
        #expect(header.contains("int32_t digits_learn(const digits_io_t *input, int32_t label);"))
        #expect(header.contains("#define DIGITS_LEARN_FIXED_POINT \(arithmetic == "fixed" ? 1 : 0)"))
        // The catalog description written next to the C carries the step's exact RAM.
        let description = try String(contentsOfFile: dir.path("out/digits.model.jsonld"), encoding: .utf8)
        #expect(description.contains("\"bufferBytes\": 11684"), "\(description)")
    }

    @Test func badTrainableLayerIsOneError() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let c = CapturingConsole()
        let status = SmeltCLI.run(["compile", "\(Self.digits)/digits.json", "--calibrate", "\(Self.digits)/calibration.csv",
                                   "-o", dir.path("out"), "--trainable", "conv2"], console: c.console)
        #expect(status == 1)
        #expect(c.err.split(separator: "\n").count == 1 && c.err.contains("node \"conv2\""), "\(c.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
        let usage = CapturingConsole()
        #expect(SmeltCLI.run(["compile", "\(Self.digits)/digits.json", "-o", dir.path("o"), "--learn-rate", "0.1"], console: usage.console) == 2)
    }
}
