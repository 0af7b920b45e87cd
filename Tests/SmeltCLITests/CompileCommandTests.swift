import Foundation
import Testing
import SmeltIR
@testable import SmeltCLI

/// `smelt compile` through the executable: the digits and sine examples, TFLite input, options,
/// bad calibration data (one error line, nothing written) and usage errors.
@Suite struct CompileCommandTests {
    static let digits = ["Examples/digits/digits.json", "--calibrate", "Examples/digits/calibration.csv"]

    @Test func digitsWritesCAndPrintsTheReport() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let out = dir.path("out")
        let r = try SmeltProcess.run(["compile"] + Self.digits + ["-o", out])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty)
        // Figures of the committed digits model and calibration set (deterministic).
        #expect(r.out.contains("5 layers, int8, calibrated on 200 samples (min/max)"))
        #expect(r.out.contains("0  conv1    Conv2D   [8, 8, 8]    4,608        104            512             0"))
        #expect(r.out.contains("1  conv2    Conv2D   [4, 4, 16]  18,432      1,216            256           512"))
        #expect(r.out.contains("3  fc       Dense    [10]         2,560      2,600             10             0"))
        #expect(r.out.contains("4  softmax  Softmax  [10]             0          0             10        output"))
        #expect(r.out.contains("flash 5,420 B (weights 3,920, tables 1,024, params 476"))
        #expect(r.out.contains("RAM   768 B (activation arena"))
        #expect(r.out.hasSuffix("wrote \(out)/digits.h, \(out)/digits.c, \(out)/digits.model.jsonld\n"))
        let header = try String(contentsOfFile: out + "/digits.h", encoding: .utf8)
        #expect(header.contains("#define DIGITS_ARENA_BYTES 768 "))
        #expect(header.contains("int digits_invoke(const digits_io_t *input, digits_io_t *output)"))
        let source = try String(contentsOfFile: out + "/digits.c", encoding: .utf8)
        #expect(source.contains("#include \"digits.h\""))
        #expect(!source.contains("malloc("))
        // Only the C files and the catalog description, and no staging folder left next to OUT.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["digits.c", "digits.h", "digits.model.jsonld"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
    }

    /// The arena is no larger than the two largest simultaneously live tensors need: in a chain, a
    /// layer's input and output are live together, and conv1's output (512 B) with conv2's (256 B) is
    /// the largest such pair. Any plan needs at least the largest pair, so the arena equals it.
    @Test func digitsArenaIsTheLargestLivePair() throws {
        var options = CompileOptions()
        options.calibrationPath = SmeltProcess.packageRoot.appendingPathComponent("Examples/digits/calibration.csv").path
        let model = try CompilePipeline(options: options)
            .run(modelPath: SmeltProcess.packageRoot.appendingPathComponent("Examples/digits/digits.json").path)
        let g = model.quantized
        let external = Set(g.inputs + g.outputs)
        var aliases: [String: String] = [:]   // Reshape/Flatten outputs share their input's storage
        for n in g.nodes where [.reshape, .flatten].contains(n.op.kind) { aliases[n.output] = n.inputs[0] }
        func root(_ t: String) -> String { aliases[t].map(root) ?? t }
        func bytes(_ t: String) -> Int { ((g.tensor(t)!.byteCount + 3) / 4) * 4 }
        // Each node reads its activation inputs while writing its output: those are live together.
        var largestLiveSet = 0
        var pairs: [[Int]] = []
        for n in g.nodes {
            let live = Set((n.inputs + [n.output]).filter { g.tensor($0).map { !$0.isConstant } ?? false }.map(root))
                .subtracting(external.map(root))
            let sizes = live.map(bytes).sorted(by: >)
            pairs.append(sizes)
            largestLiveSet = max(largestLiveSet, sizes.reduce(0, +))
        }
        let report = model.generated.report
        #expect(pairs.allSatisfy { $0.count <= 2 }, "a chain keeps at most two arena tensors live: \(pairs)")
        #expect(largestLiveSet == 512 + 256)
        #expect(report.arenaBytes <= largestLiveSet)
        #expect(report.arenaBytes == 768)
        #expect(report.layers.map(\.arenaOffset) == [0, 512, 512, 0, nil])
    }

    @Test func sineSchemesAndOptions() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let base = ["compile", "Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv"]
        let int16 = try SmeltProcess.run(base + ["-o", dir.path("a"), "--activations", "int16", "--name", "Sine-16"])
        #expect(int16.status == 0, "\(int16.err)")
        #expect(int16.out.contains("3 layers, int16, calibrated on 200 samples"))
        #expect(int16.out.contains("RAM   64 B"))   // two [16] int16 tensors
        let h16 = try String(contentsOfFile: dir.path("a") + "/sine_16.h", encoding: .utf8)
        #expect(h16.contains("typedef int16_t sine_16_io_t;"))

        let pow2 = try SmeltProcess.run(base + ["-o", dir.path("b"), "--scheme", "pow2", "--percentile", "99.5", "-q"])
        #expect(pow2.status == 0, "\(pow2.err)")
        #expect(pow2.out == "wrote \(dir.path("b"))/sine.h, \(dir.path("b"))/sine.c, \(dir.path("b"))/sine.model.jsonld\n")

        let single = try SmeltProcess.run(base + ["-o", dir.path("c"), "--single-header", "-q"])
        #expect(single.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("c")).sorted() == ["sine.h", "sine.model.jsonld"])
        #expect(try String(contentsOfFile: dir.path("c") + "/sine.h", encoding: .utf8).contains("SMELT_SINE_IMPLEMENTATION"))
    }

    @Test func quantizedTFLiteNeedsNoCalibration() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["compile", "Tests/Fixtures/tflite/edges.tflite", "-o", dir.path("o")])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("1 layer, int8, already quantized"))
        #expect(r.out.contains("0  fully_connected_1  Dense  [4]       24         40              4        output"))
    }

    /// A float ONNX model: BatchNorm folded and ReLU fused before quantization (12 nodes → 8 layers).
    @Test func floatONNXIsFoldedFusedAndQuantized() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let header = (0..<144).map { "p\($0)" }.joined(separator: ",")
        var lines: [String] = [header]
        for r in 0..<20 {
            let values: [String] = (0..<144).map { (i: Int) -> String in
                let v: Float = Float((i * 7 + r * 13) % 17) / 16
                return String(v)
            }
            lines.append(values.joined(separator: ","))
        }
        let cal = try dir.write("cal.csv", lines.joined(separator: "\n") + "\n")
        let r = try SmeltProcess.run(["compile", "Tests/Fixtures/onnx/cnn.onnx", "-c", cal, "-o", dir.path("o")])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Tests/Fixtures/onnx/cnn.onnx: 8 layers, int8, calibrated on 20 samples (min/max)"))
        #expect(r.out.contains("0  conv1    Conv2D           [12, 12, 8]  10,368        104          1,152             0"))
        #expect(!r.out.contains("BatchNorm") && !r.out.contains("ReLU"))
        #expect(r.out.contains("RAM   1,440 B"))
    }

    @Test func recompilingReplacesFilesInPlace() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let out = dir.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try dir.write("out/keep.txt", "mine")
        try dir.write("out/digits.h", "old")
        let r = try SmeltProcess.run(["compile"] + Self.digits + ["-o", out, "-q"])
        #expect(r.status == 0)
        #expect(try String(contentsOfFile: out + "/keep.txt", encoding: .utf8) == "mine")
        #expect(try String(contentsOfFile: out + "/digits.h", encoding: .utf8).contains("DIGITS_ARENA_BYTES"))
    }

    struct BadData: Sendable, CustomTestStringConvertible {
        var label: String
        var csv: String?
        var mentions: [String]
        var testDescription: String { label }
    }

    static let badData: [BadData] = [
        BadData(label: "wrong column count", csv: "x\n0.5\n1,2\n", mentions: ["line 3 has 2 columns, expected 1", "input \"x\""]),
        BadData(label: "empty", csv: "", mentions: ["no data rows"]),
        BadData(label: "header only", csv: "x\n", mentions: ["no data rows"]),
        BadData(label: "non-numeric", csv: "x\n0.5\nabc\n", mentions: ["line 3, column 1", "\"abc\" is not a number"]),
        BadData(label: "NaN", csv: "x\n0.5\n1\nNaN\n", mentions: ["line 4, column 1", "not finite"]),
        BadData(label: "infinite", csv: "x\ninf\n", mentions: ["line 2, column 1", "not finite"]),
        BadData(label: "missing file", csv: nil, mentions: ["calibration file not found"]),
    ]

    /// Bad calibration data: one error line naming the file, exit 1, OUT not created.
    @Test(arguments: badData)
    func badCalibrationDataWritesNothing(bad: BadData) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let csv = dir.path("cal.csv")
        if let text = bad.csv { try dir.write("cal.csv", text) }
        let r = try SmeltProcess.run(["compile", "Examples/sine/sine.json", "-c", csv, "-o", dir.path("out")])
        BadInputTests.expectOneError(r, mentions: [csv + ":"] + bad.mentions)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0 != "cal.csv" } == [])
    }

    @Test func badCalibrationDataLeavesAnExistingOutAlone() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: true)
        try dir.write("out/sine.h", "previous")
        try dir.write("cal.csv", "x\n1\n2,3\n")
        let r = try SmeltProcess.run(["compile", "Examples/sine/sine.json", "-c", dir.path("cal.csv"), "-o", dir.path("out")])
        BadInputTests.expectOneError(r, mentions: ["line 3 has 2 columns"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("out")) == ["sine.h"])
        #expect(try String(contentsOfFile: dir.path("out/sine.h"), encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["cal.csv", "out"])
    }

    @Test func badModels() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        BadInputTests.expectOneError(try SmeltProcess.run(["compile", "model.pb", "-o", dir.path("o")]),
                                     mentions: ["model.pb: unknown model format \".pb\""])
        BadInputTests.expectOneError(try SmeltProcess.run(["compile", dir.path("none.json"), "-o", dir.path("o")]),
                                     mentions: [dir.path("none.json") + ": model file not found"])
        let garbage = try dir.write("bad.tflite", "not a flatbuffer")
        BadInputTests.expectOneError(try SmeltProcess.run(["compile", garbage, "-o", dir.path("o")]), mentions: [garbage + ":"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("o")))
    }

    @Test(arguments: [
        (["compile", "Examples/sine/sine.json", "-o", "x"], "is a float model: give calibration data with --calibrate"),
        (["compile", "Examples/sine/sine.json"], "missing required option '--output OUT'"),
        (["compile", "Examples/sine/sine.json", "-o", "x", "--scheme", "int4"], "--scheme must be one of int8, int16, pow2"),
        (["compile", "Examples/sine/sine.json", "-o", "x", "--scheme", "pow2", "--activations", "int16"], "cannot be combined"),
        (["compile", "Examples/sine/sine.json", "-o", "x", "--percentile", "40"], "--percentile must be a number in (50, 100]"),
    ])
    func usageErrors(args: [String], message: String) throws {
        let r = try SmeltProcess.run(args)
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines.first?.contains(message) == true, "\(r.err)")
        #expect(r.err.contains("USAGE: smelt compile"))
        #expect(!FileManager.default.fileExists(atPath: SmeltProcess.packageRoot.appendingPathComponent("x").path))
    }
}
