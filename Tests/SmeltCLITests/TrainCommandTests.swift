import Foundation
import SmeltCLI
import Testing

/// `smelt train`, run in-process on the sine example (fast) and on small broken data files.
@Suite struct TrainCommandTests {
    static let sine = SmeltProcess.packageRoot.appendingPathComponent("Examples/sine").path
    static let digits = SmeltProcess.packageRoot.appendingPathComponent("Examples/digits").path

    static func train(_ args: [String]) -> (status: Int32, out: String, err: String) {
        let c = CapturingConsole()
        let status = SmeltCLI.run(["train"] + args, console: c.console)
        return (status, c.out, c.err)
    }

    @Test func fineTunesSineAndWritesModelAndCurve() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let out = dir.path("sine.json"), curve = dir.path("curve.svg")
        let r = Self.train(["\(Self.sine)/sine.json", "--data", "\(Self.sine)/train.csv", "--test", "\(Self.sine)/test.csv",
                            "--epochs", "2", "--lr", "0.0005", "-o", out, "--curve", curve])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("training \"sine\": 1000 samples, 6 tensors, mse, adam lr 0.0005 batch 32, seed 0") == true)
        let epochLines = lines.filter { $0.hasPrefix("epoch ") }
        #expect(epochLines.count == 2)
        #expect(epochLines.allSatisfy { $0.contains("loss ") && $0.contains("test loss ") && $0.hasSuffix(" s") })
        // The exported sine model starts at MSE 2.1e-5; two gentle epochs keep it well below 1e-3.
        let testLoss = epochLines.compactMap { l -> Double? in
            let parts = l.components(separatedBy: "test loss ")
            return parts.count == 2 ? Double(parts[1].split(separator: " ")[0]) : nil
        }
        #expect(testLoss.count == 2 && testLoss.allSatisfy { $0 < 1e-3 })
        let svg = try String(contentsOfFile: curve, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("test loss"))
        let inspect = CapturingConsole()
        #expect(SmeltCLI.run(["inspect", out], console: inspect.console) == 0)
        #expect(inspect.out.contains("model \"sine\""))
    }

    @Test func sameSeedSameBytes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for name in ["a.json", "b.json"] {
            let r = Self.train(["\(Self.sine)/sine.json", "--data", "\(Self.sine)/test.csv", "--epochs", "1",
                                "--optimizer", "momentum", "--batch", "4", "--seed", "9", "-o", dir.path(name)])
            #expect(r.status == 0, "\(r.err)")
        }
        #expect(FileManager.default.contents(atPath: dir.path("a.json")) == FileManager.default.contents(atPath: dir.path("b.json")))
    }

    @Test(arguments: [
        ("wide.csv", "x,y\n1,2,3\n", "sine", ["wide.csv", "line 2", "3 columns"]),
        ("nan.csv", "x,y\n0.5,0.4\n1,nan\n", "sine", ["nan.csv", "line 3", "nan"]),
        ("narrow.csv", "y\n0.5\n", "sine", ["narrow.csv", "1 columns", "2 columns"]),
        ("label.csv", (0..<64).map { "p\($0)," }.joined() + "label\n" + String(repeating: "0,", count: 64) + "12\n", "digits", ["label.csv", "line 2", "label 12", "0...9"]),
    ])
    func badDataIsOneClearError(file: String, text: String, model: String, mentions: [String]) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let data = try dir.write(file, text)
        let modelPath = model == "sine" ? "\(Self.sine)/sine.json" : "\(Self.digits)/digits.json"
        let r = Self.train([modelPath, "--data", data, "--epochs", "1", "-o", dir.path("out.json")])
        #expect(r.status == 1)
        let errLines = r.err.split(separator: "\n")
        #expect(errLines.count == 1, "\(r.err)")
        for m in mentions { #expect(r.err.contains(m), "\(r.err) should mention \(m)") }
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.json")))
    }

    @Test func divergenceNamesTheEpochAndKeepsTheOldFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let old = "not overwritten\n"
        let out = try dir.write("out.json", old)
        let r = Self.train(["\(Self.sine)/sine.json", "--data", "\(Self.sine)/train.csv", "--epochs", "3",
                            "--optimizer", "sgd", "--lr", "1e6", "-o", out, "--curve", dir.path("c.svg")])
        #expect(r.status == 1)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("epoch 1:") && r.err.contains("diverged") && r.err.contains("out.json was not written"), "\(r.err)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == old)
        #expect(!FileManager.default.fileExists(atPath: dir.path("c.svg")))
    }

    @Test func usageErrors() {
        #expect(Self.train(["\(Self.sine)/sine.json", "--data", "x.csv", "-o", "o.json"]).status == 2)  // no --epochs
        #expect(Self.train(["\(Self.sine)/sine.json", "--data", "x.csv", "--epochs", "1", "--optimizer", "rmsprop", "-o", "o.json"]).status == 2)
        #expect(Self.train(["\(Self.sine)/sine.json", "--data", "x.csv", "--epochs", "1", "--lr", "0", "-o", "o.json"]).status == 2)
    }
}
