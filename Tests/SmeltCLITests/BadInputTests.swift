import Foundation
import Testing

/// Bad models and bad inputs: exit status 1, exactly one `smelt: error:` line naming the file
/// (and the node or row at fault), nothing on stdout, never a crash.
@Suite struct BadInputTests {
    /// Checks the one-line error contract and returns the line.
    @discardableResult
    static func expectOneError(_ r: SmeltResult, mentions parts: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(r.status == 1, "exit status \(r.status), stderr: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, "stdout: \(r.out)", sourceLocation: sourceLocation)
        #expect(r.errLines.count == 1, "stderr: \(r.err)", sourceLocation: sourceLocation)
        let line = r.errLines.first ?? ""
        #expect(line.hasPrefix("smelt: error: "), "stderr: \(r.err)", sourceLocation: sourceLocation)
        for p in parts { #expect(line.contains(p), "\"\(line)\" should mention \(p)", sourceLocation: sourceLocation) }
        return line
    }

    /// A broken variant of the fixture model, with the words its error line must contain.
    struct BrokenModel: Sendable, CustomTestStringConvertible {
        var label: String
        var edit: @Sendable (inout FixtureModel) -> Void
        var mentions: [String]
        var testDescription: String { label }
    }

    static let brokenModels: [BrokenModel] = [
        BrokenModel(label: "unknown op", edit: { $0.fc2Op = "Conv3D" }, mentions: ["node \"fc2\"", "Conv3D"]),
        BrokenModel(label: "shape mismatch", edit: { $0.fc2WeightShape = "[1, 4]"; $0.fc2Weight = [1, 2, 3, 4] },
                    mentions: ["node \"fc2\"", "3 features", "4"]),
        BrokenModel(label: "zero dimension", edit: { $0.inputShape = "[0]" }, mentions: ["\"x\"", "[0]"]),
        BrokenModel(label: "negative dimension", edit: { $0.fc1WeightShape = "[3, -2]" }, mentions: ["\"fc1.weight\"", "-2"]),
        BrokenModel(label: "NaN weight", edit: { $0.fc1Weight[4] = .nan }, mentions: ["\"fc1.weight\"", "nan", "index 4"]),
        BrokenModel(label: "Inf weight", edit: { $0.fc2Weight[1] = .infinity }, mentions: ["\"fc2.weight\"", "inf", "index 1"]),
        BrokenModel(label: "weight data of the wrong length", edit: { $0.fc1Weight = [1, 2, 3, 4, 5] },
                    mentions: ["\"fc1.weight\"", "[3, 2]"]),
    ]

    @Test(arguments: brokenModels)
    func brokenModelFailsCleanly(broken: BrokenModel) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var m = FixtureModel()
        broken.edit(&m)
        let model = try dir.write("broken.json", m.json)
        let input = try dir.write("in.csv", "1,2\n")
        Self.expectOneError(try SmeltProcess.run(["inspect", model]), mentions: [model] + broken.mentions)
        Self.expectOneError(try SmeltProcess.run(["run", model, "--input", input]), mentions: [model] + broken.mentions)
    }

    @Test func truncatedJSON() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let text = FixtureModel().json
        let model = try dir.write("truncated.json", String(text.prefix(text.count / 2)))
        Self.expectOneError(try SmeltProcess.run(["inspect", model]), mentions: [model])
        Self.expectOneError(try SmeltProcess.run(["inspect", try dir.write("empty.json", "")]), mentions: [dir.path("empty.json")])
    }

    @Test func missingModelFile() throws {
        let missing = "/nonexistent/smelt/model.json"
        Self.expectOneError(try SmeltProcess.run(["inspect", missing]), mentions: [missing, "model file not found"])
    }

    @Test func missingInputFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("m.json", FixtureModel().json)
        let missing = dir.path("nope.csv")
        Self.expectOneError(try SmeltProcess.run(["run", model, "--input", missing]), mentions: [missing, "not found"])
    }

    @Test(arguments: [
        ("rows.csv", "x0,x1\n1,2\n3,4,5\n", ["line 3", "3 columns", "expected 2"]),
        ("narrow.csv", "1\n", ["line 1", "1 columns", "expected 2"]),
        ("text.csv", "1,2\n3,abc\n", ["line 2", "column 2", "abc", "not a number"]),
        ("nan.csv", "1,2\nnan,4\n", ["line 2", "column 1", "not finite"]),
        ("inf.csv", "1,inf\n", ["line 1", "column 2", "not finite"]),
        ("empty.csv", "\n", ["no data rows"]),
        ("rows.json", "[[1, 2], [3]]", ["row 2", "has 1 values", "needs 2"]),
        ("wrapped.json", "{\"inputs\": [[1, 2, 3]]}", ["row 1", "has 3 values", "needs 2"]),
        ("string.json", "[[1, \"2\"]]", ["row 1", "column 2", "\"2\"", "not a number"]),
        ("flat.json", "[1, 2]", ["row 1", "expected an array of 2 numbers"]),
        ("broken.json", "[[1, 2]", ["not valid JSON"]),
        ("object.json", "{\"rows\": [[1, 2]]}", ["{\"inputs\""]),
    ])
    func badInputRows(name: String, text: String, mentions: [String]) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("m.json", FixtureModel().json)
        let input = try dir.write(name, text)
        let out = dir.path("out.csv")
        Self.expectOneError(try SmeltProcess.run(["run", model, "--input", input, "--output", out]), mentions: [input] + mentions)
        #expect(!FileManager.default.fileExists(atPath: out), "no output file is written on error")
    }

    @Test func unwritableOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("m.json", FixtureModel().json)
        let input = try dir.write("in.csv", "1,2\n")
        let out = dir.path("no/such/dir/out.csv")
        Self.expectOneError(try SmeltProcess.run(["run", model, "--input", input, "--output", out]), mentions: [out])
    }

    @Test func badStandardInputIsNamed() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("m.json", FixtureModel().json)
        let r = try SmeltProcess.run(["run", model, "--input", "-"], stdin: "1,2\n3\n")
        Self.expectOneError(r, mentions: ["<stdin>: line 2 has 1 columns, expected 2"])
    }
}
