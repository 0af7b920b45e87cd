import Foundation
import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator
import SmeltTargets
@testable import SmeltCLI

/// Whether arm-none-eabi-gcc and qemu-system-arm are installed; prints once which is missing.
enum CLIArmTools {
    static let available: Bool = {
        let toolchain = Toolchain.find()
        if let message = toolchain.missingMessage {
            print("SmeltCLITests: skipping build/run/bench/benchmarks tests: \(message)")
        }
        return toolchain.isComplete
    }()
}

/// `smelt build`, `smelt run --target`, `smelt bench`, `smelt benchmarks` through the executable,
/// with outputs checked byte for byte against the integer emulator.
@Suite(.enabled(if: CLIArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct TargetCommandTests {
    static let root = SmeltProcess.packageRoot.path
    static let sine = ["Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv"]
    static let digits = ["Examples/digits/digits.json", "-c", "Examples/digits/calibration.csv"]

    /// The quantized model and the emulator's integer outputs for every row of `inputs`.
    static func emulated(_ model: String, calibration: String, inputs: String) throws -> (q: Graph, rows: [[Int32]], ints: [[Int32]]) {
        var options = CompileOptions()
        options.calibrationPath = root + "/" + calibration
        let q = try CompilePipeline(options: options).quantizedGraph(modelPath: root + "/" + model).quantized
        let x = try CSVData(path: root + "/" + inputs).rows
        let ints = try x.map { try q.quantizeInput($0) }
        let interpreter = try IntegerInterpreter(graph: q)
        return (q, ints, try ints.map { try interpreter.run($0) })
    }

    static func integerRows(_ out: String) -> [[Int32]] {
        out.split(separator: "\n").map { $0.split(separator: ",").map { Int32($0)! } }
    }

    @Test func buildDigitsForCortexM4() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["build"] + Self.digits + ["--target", "cortex-m4", "-o", dir.path("fw")])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "Examples/digits/digits.json: digits for cortex-m4 (cortex-m4, -O2)")
        // text + data = flash, data + bss = RAM, shares of 1 MiB / 192 KiB.
        let nums = lines[1].split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        try #require(nums.count == 3)
        let (text, data, bss) = (nums[0], nums[1], nums[2])
        #expect((5_000...40_000).contains(text), "digits weights are 3,920 B plus kernels and runner")
        #expect(bss >= 768, "the arena is in bss")
        let g = NumberFormat.grouped
        #expect(lines[2].hasPrefix("flash \(g(text + data)) B of 1,048,576 (\(String(format: "%.1f", 100 * Double(text + data) / 1_048_576)) %)"))
        #expect(lines[3].hasPrefix("RAM   \(g(data + bss)) B of 196,608"))
        #expect(lines[4] == "arena 768 B, 25,600 MACs per inference")
        #expect(lines[5] == "wrote \(dir.path("fw"))/digits.elf")
        let elf = try Data(contentsOf: URL(fileURLWithPath: dir.path("fw/digits.elf")))
        #expect(elf.prefix(4) == Data([0x7f, 0x45, 0x4c, 0x46]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["fw"])

        // The ELF runs on integer rows and prints the emulator's outputs byte for byte.
        let (_, ints, expected) = try Self.emulated("Examples/digits/digits.json", calibration: "Examples/digits/calibration.csv",
                                                    inputs: "Examples/digits/inputs.csv")
        let rows = try dir.write("ints.csv", ints.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "\n") + "\n")
        let run = try SmeltProcess.run(["run", dir.path("fw/digits.elf"), "--target", "cortex-m4", "--input", rows])
        #expect(run.status == 0, "\(run.err)")
        #expect(Self.integerRows(run.out) == expected)
        #expect(expected.count == 20)

        // The same Cortex-M4 ELF on a Cortex-M0 machine locks up: an error, never output.
        let wrong = try SmeltProcess.run(["run", dir.path("fw/digits.elf"), "--target", "cortex-m0", "--input", rows])
        BadInputTests.expectOneError(wrong, mentions: ["digits.elf: core lockup"])
        // Real-valued rows are refused for an ELF.
        BadInputTests.expectOneError(
            try SmeltProcess.run(["run", dir.path("fw/digits.elf"), "--target", "cortex-m4", "--input", "Examples/digits/inputs.csv"]),
            mentions: ["inputs.csv: row 1, column", "is not an integer in -128...127"])
    }

    @Test func autoencoderIsRefusedOnCortexM0() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["build", "autoencoder", "--target", "cortex-m0", "-o", dir.path("fw")])
        let line = BadInputTests.expectOneError(r, mentions: ["autoencoder: does not fit cortex-m0: flash short by ", " bytes", "of 262,144", "RAM "])
        // 264,192 weight bytes alone exceed the 262,144 bytes of flash.
        let short = Int(line.split(separator: "flash short by ")[1].prefix(while: \.isNumber))!
        #expect(short > 264_192 - 262_144)
        #expect(!FileManager.default.fileExists(atPath: dir.path("fw")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func runSineOnCortexM0MatchesTheEmulator() throws {
        let (q, _, expected) = try Self.emulated("Examples/sine/sine.json", calibration: "Examples/sine/calibration.csv",
                                                 inputs: "Examples/sine/inputs.csv")
        let raw = try SmeltProcess.run(["run"] + Self.sine + ["--target", "cortex-m0", "--input", "Examples/sine/inputs.csv", "--raw"])
        #expect(raw.status == 0, "\(raw.err)")
        #expect(Self.integerRows(raw.out) == expected)
        let real = try SmeltProcess.run(["run"] + Self.sine + ["--target", "cortex-m0", "--input", "Examples/sine/inputs.csv"])
        #expect(real.status == 0)
        let values = real.out.split(separator: "\n").map { Float($0)! }
        #expect(values == (try expected.map { try q.dequantizeOutput($0)[0] }))
        let xs = try CSVData(path: Self.root + "/Examples/sine/inputs.csv").rows.map { $0[0] }
        for (x, y) in zip(xs, values) { #expect(abs(y - sin(x)) < 0.12, "x = \(x): \(y)") }
    }

    /// Hand-written runner firmware whose model faults on input 3 or never returns on input 5.
    static func misbehavingFirmware(_ dir: TempDir) throws -> String {
        try dir.write("bad.h", """
            #include <stdint.h>
            #define BAD_INPUT_SIZE 1
            #define BAD_OUTPUT_SIZE 1
            typedef int8_t bad_io_t;
            int bad_invoke(const bad_io_t *input, bad_io_t *output);

            """)
        try dir.write("bad.c", """
            #include "bad.h"
            int bad_invoke(const bad_io_t *input, bad_io_t *output) {
                if (input[0] == 3) __builtin_trap();
                if (input[0] == 5) for (;;) { __asm__ volatile(""); }
                output[0] = input[0];
                return 0;
            }

            """)
        let elf = try FirmwareBuilder().buildModelRunner(
            modelName: "bad", header: dir.url.appendingPathComponent("bad.h"), sources: [dir.url.appendingPathComponent("bad.c")],
            board: try Board.load("cortex-m3"), layerHooks: false, output: dir.url.appendingPathComponent("bad.elf"))
        return elf.path
    }

    @Test func faultAndTimeoutAreErrorsNotOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let elf = try Self.misbehavingFirmware(dir)
        let ok = try SmeltProcess.run(["run", elf, "-t", "cortex-m3", "-i", try dir.write("ok.csv", "1\n-7\n")])
        #expect(ok.status == 0 && ok.out == "1\n-7\n", "\(ok.err)")
        let fault = try SmeltProcess.run(["run", elf, "-t", "cortex-m3", "-i", try dir.write("f.csv", "1\n3\n")])
        BadInputTests.expectOneError(fault, mentions: ["bad.elf: ", "Fault at pc=0x", "on the target"])
        let hang = try SmeltProcess.run(["run", elf, "-t", "cortex-m3", "-i", try dir.write("h.csv", "5\n"), "--timeout", "2"])
        BadInputTests.expectOneError(hang, mentions: ["bad.elf: no exit after 2.0 s, QEMU killed"])
    }

    @Test func benchDigitsOnCortexM4() throws {
        let r = try SmeltProcess.run(["bench"] + Self.digits + ["--target", "cortex-m4"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Examples/digits/digits.json on cortex-m4 (cortex-m4, -O2): one inference under QEMU\n"))
        #expect(r.out.contains("(executed instructions, not cycles)"))
        let rows = r.out.split(separator: "\n").filter { $0.first == " " || $0.first?.isNumber == true }
            .map { $0.split(separator: " ").map(String.init) }
        let layers = rows.filter { $0.count >= 4 && Int($0[0]) != nil }
        #expect(layers.map { $0[1] } == ["conv1", "conv2", "flatten", "fc", "softmax"])
        func n(_ s: String) -> Int { Int(s.replacingOccurrences(of: ",", with: ""))! }
        let perLayer = layers.map { n($0[4 - ($0.count == 5 ? 1 : 0)]) }
        let total = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("instructions per inference ") })
            .split(separator: " ")[3]
        // Every MAC costs at least one instruction; the layers are the bulk of the inference.
        #expect(n(String(total)) > 25_600)
        #expect(perLayer.reduce(0, +) < n(String(total)))
        #expect(Double(perLayer.reduce(0, +)) > 0.95 * Double(n(String(total))))
        #expect(r.out.contains("arena 768 B"))
        let perMAC = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("instructions per MAC ") })
        #expect(String(perMAC) == "instructions per MAC " + String(format: "%.2f", Double(n(String(total))) / 25_600))
    }

    @Test func benchmarksWritesTheReport() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["benchmarks", "--model", "sine", "--core", "cortex-m4", "-o", dir.path("B.md")])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("sine on cortex-m4 -O2: ") && lines[1] == "wrote \(dir.path("B.md"))")
        let md = try String(contentsOfFile: dir.path("B.md"), encoding: .utf8)
        #expect(md.contains("Generated by `smelt benchmarks --model sine --core cortex-m4`"))
        #expect(md.contains("**Instructions are executed instructions, not cycles**"))
        #expect(md.contains("| sine | cortex-m4 | -O2 | 288 | "))
        #expect(md.contains("### sine on cortex-m4 (-O2)"))
        let bad = try SmeltProcess.run(["benchmarks", "--model", "resnet"])
        #expect(bad.status == 2 && bad.errLines.first?.contains("--model must be one of sine, digits, autoencoder, ds-cnn") == true)
    }

    @Test func targetUsageErrors() throws {
        let unknown = try SmeltProcess.run(["build", "Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv", "-t", "cortex-m99", "-o", "x"])
        #expect(unknown.status == 2 && unknown.errLines.first?.contains("unknown board \"cortex-m99\"") == true, "\(unknown.err)")
        let noTarget = try SmeltProcess.run(["bench", "Examples/sine/sine.json"])
        #expect(noTarget.status == 2 && noTarget.errLines.first?.contains("missing required option '--target BOARD'") == true)
        let hostRun = try SmeltProcess.run(["run", "Examples/sine/sine.json", "-i", "Examples/sine/inputs.csv", "--raw"])
        #expect(hostRun.status == 2 && hostRun.errLines.first?.contains("--raw applies only with --target BOARD") == true)
        BadInputTests.expectOneError(try SmeltProcess.run(["run", "nope.elf", "-t", "cortex-m4", "-i", "Examples/sine/inputs.csv"]),
                                     mentions: ["nope.elf: firmware not found"])
    }
}
