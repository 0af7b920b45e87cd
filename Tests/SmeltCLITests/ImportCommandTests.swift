import Foundation
import Testing
import SmeltIR
import SmeltEmulator
@testable import SmeltCLI

/// `smelt import` and `smelt compile` of ONNX / TFLite fixtures, through the executable. The C that
/// `smelt compile MODEL.tflite` writes is built with the host C compiler and run on the fixture's
/// recorded inputs: its outputs equal the tflite-micro interpreter's byte for byte.
@Suite("smelt import, and smelt compile of TFLite fixtures")
struct ImportCommandTests {
    static let tflite = SmeltProcess.packageRoot.appendingPathComponent("Tests/Fixtures/tflite")

    /// Every fixture; the two-input ones (`add_relu`, `concat`) through `m_invoke_inputs`.
    static var all: [String] {
        let text = (try? String(contentsOf: tflite.appendingPathComponent("fixtures.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Recorded samples; with several inputs, their values concatenated in `order` (input names).
    static func samples(_ name: String, order: [String]? = nil) throws -> [(input: [Int], output: [Int])] {
        let data = try Data(contentsOf: tflite.appendingPathComponent("\(name).json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(doc["samples"] as? [[String: Any]]).map { row in
            let ins = try #require(row["inputs"] as? [String: [NSNumber]])
            let outs = try #require(row["outputs"] as? [[NSNumber]])
            guard let order else { return (ins.values.first!.map(\.intValue), outs[0].map(\.intValue)) }
            try #require(Set(order) == Set(ins.keys))
            return (order.flatMap { ins[$0]!.map(\.intValue) }, outs[0].map(\.intValue))
        }
    }

    /// The input tensor names in the header's order: `/* elements of input 1, tensor "b" [...] */`.
    static func inputOrder(header: String) -> [String] {
        header.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("_SIZE "), let r = line.range(of: ", tensor \"") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// The test main: one input → `m_invoke`; several → `m_invoke_inputs` (docs/contracts.md).
    static func main(inputs: Int) -> String {
        guard inputs > 1 else {
            return """
                #include <stdio.h>
                #include "m.h"
                int main(void) {
                    static m_io_t in[M_INPUT_SIZE], out[M_OUTPUT_SIZE];
                    long v; int i;
                    for (;;) {
                        for (i = 0; i < M_INPUT_SIZE; ++i) { if (scanf("%ld", &v) != 1) return 0; in[i] = (m_io_t)v; }
                        if (m_invoke(in, out) != 0) return 2;
                        for (i = 0; i < M_OUTPUT_SIZE; ++i) printf(i ? " %d" : "%d", (int)out[i]);
                        printf("\\n");
                    }
                }
                """
        }
        let buffers = (0..<inputs).map { "static m_io_t in\($0)[M_INPUT\($0)_SIZE];" }.joined(separator: " ")
        let reads = (0..<inputs).map { "if (!get(in\($0), M_INPUT\($0)_SIZE)) return 0;" }.joined(separator: " ")
        let list = (0..<inputs).map { "in\($0)" }.joined(separator: ", ")
        return """
            #include <stdio.h>
            #include "m.h"
            static int get(m_io_t *d, int n) {
                long v; int i;
                for (i = 0; i < n; ++i) { if (scanf("%ld", &v) != 1) return 0; d[i] = (m_io_t)v; }
                return 1;
            }
            int main(void) {
                \(buffers)
                static m_io_t out[M_OUTPUT_SIZE];
                const m_io_t *ins[M_NUM_INPUTS] = { \(list) };
                int i;
                for (;;) {
                    \(reads)
                    if (m_invoke_inputs(ins, out) != 0) return 2;
                    for (i = 0; i < M_OUTPUT_SIZE; ++i) printf(i ? " %d" : "%d", (int)out[i]);
                    printf("\\n");
                }
            }
            """
    }

    @Test("import cnn.tflite: JSON keeps int8 tensors and tflm semantics; its interpreter matches tflite-micro")
    func importTFLite() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["import", "Tests/Fixtures/tflite/cnn.tflite", "-o", dir.path("cnn.json")])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "Tests/Fixtures/tflite/cnn.tflite: 9 nodes, 400 parameters, quantized\nwrote \(dir.path("cnn.json"))\n")
        let g = try ModelFile.load(path: dir.path("cnn.json"))
        #expect(g.nodes.filter { $0.semantics == .tflm }.map(\.op.kind) == [.globalAveragePool, .softmax])
        let interpreter = try IntegerInterpreter(graph: g)
        for s in try Self.samples("cnn") {
            #expect(try interpreter.run(s.input.map(Int32.init)).map(Int.init) == s.output)
        }
    }

    @Test("import an ONNX model with --sidecar writes OUT.json and OUT.bin that load back")
    func importONNX() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["import", "Tests/Fixtures/onnx/cnn.onnx", "-o", dir.path("m.json"), "--sidecar"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasSuffix("float\nwrote \(dir.path("m.json")) and \(dir.path("m")).bin\n"))
        #expect(FileManager.default.fileExists(atPath: dir.path("m.bin")))
        let g = try ModelFile.load(path: dir.path("m.json"))
        #expect(g.nodes.count == 12 && r.out.hasPrefix("Tests/Fixtures/onnx/cnn.onnx: 12 nodes, 1414 parameters, float\n"))
        let q = try SmeltProcess.run(["import", "Tests/Fixtures/onnx/cnn.onnx", "-o", dir.path("q.json"), "-q"])
        #expect(q.status == 0 && q.out.isEmpty)
    }

    @Test("unsupported ops: exit 1, one line naming the op and node and listing the supported ops",
          arguments: ["Tests/Fixtures/onnx/bad_unsupported.onnx", "Tests/Fixtures/tflite/bad_unsupported.tflite"])
    func unsupported(path: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["import", path, "-o", dir.path("x.json")])
        #expect(r.status == 1)
        #expect(r.errLines.count == 1)
        let line = r.errLines.first ?? ""
        #expect(line.hasPrefix("smelt: error: \(path): node \""))
        let expected = path.hasSuffix(".onnx")
            ? "node \"erf1\": unsupported ONNX op \"Erf\" (supported: Add, AveragePool, BatchNormalization,"
            : "node \"mul_1\": unsupported TFLite op MUL (builtin 18, output \"product\") (supported: ADD, AVERAGE_POOL_2D,"
        #expect(line.contains(expected), "\(line)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.json")))
    }

    @Test("usage errors exit 2: a .json model, a non-.json output, no --output")
    func usage() throws {
        let a = try SmeltProcess.run(["import", "Examples/sine/sine.json", "-o", "/tmp/never.json"])
        #expect(a.status == 2 && a.err.contains("import reads .onnx or .tflite files"))
        let b = try SmeltProcess.run(["import", "Tests/Fixtures/tflite/fc.tflite", "-o", "/tmp/never.txt"])
        #expect(b.status == 2 && b.err.contains("the output file must end in .json"))
        let c = try SmeltProcess.run(["import", "Tests/Fixtures/tflite/fc.tflite"])
        #expect(c.status == 2)
        let d = try SmeltProcess.run(["import", "missing.tflite", "-o", "/tmp/never.json"])
        #expect(d.status == 1 && d.errLines == ["smelt: error: missing.tflite: model file not found"])
    }

    @Test("smelt compile FIXTURE.tflite: the C equals tflite-micro on the recorded inputs", arguments: all)
    func compileFixture(name: String) throws {
        let cc = "/usr/bin/cc"
        guard FileManager.default.isExecutableFile(atPath: cc) else {
            print("skipping: no host C compiler at \(cc)")
            return
        }
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["compile", "Tests/Fixtures/tflite/\(name).tflite", "-o", dir.path("out"), "--name", "m", "-q"])
        #expect(r.status == 0, "\(r.err)")
        let header = try String(contentsOfFile: dir.path("out/m.h"), encoding: .utf8)
        let order = Self.inputOrder(header: header)
        let main = Self.main(inputs: max(order.count, 1))
        try dir.write("out/main.c", main)
        let exe = dir.path("run")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: cc)
        build.arguments = ["-std=c99", "-O1", "-I", dir.path("out"), "-o", exe, dir.path("out/main.c"), dir.path("out/m.c")]
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0, "cc failed for \(name)")
        let samples = try Self.samples(name, order: order.isEmpty ? nil : order)
        let stdin = try dir.write("in.txt", samples.map { $0.input.map(String.init).joined(separator: " ") }.joined(separator: "\n") + "\n")
        let outPath = try dir.write("out.txt", "")
        let run = Process()
        run.executableURL = URL(fileURLWithPath: exe)
        run.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdin))
        run.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        try run.run()
        run.waitUntilExit()
        let got = try String(contentsOfFile: outPath, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map { Int($0)! } }
        #expect(got == samples.map(\.output), "\(name): the compiled C differs from tflite-micro")
    }
}
