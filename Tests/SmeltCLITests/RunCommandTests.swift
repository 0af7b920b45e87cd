import Foundation
import Testing

/// `smelt run` on the shipped examples and on fixtures, through the executable.
@Suite struct RunCommandTests {
    static func parseCSV(_ text: String) -> [[Double]] {
        text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            return cells.contains(where: { $0 == nil }) ? nil : cells.map { $0! }
        }
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: SmeltProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func sineApproximatesSin() throws {
        let inputs = Self.parseCSV(try Self.read("Examples/sine/inputs.csv"))
        let r = try SmeltProcess.run(["run", "Examples/sine/sine.json", "--input", "Examples/sine/inputs.csv"])
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        let outputs = Self.parseCSV(r.out)
        #expect(outputs.count == inputs.count)
        #expect(inputs.count > 10)
        for (x, y) in zip(inputs, outputs) {
            #expect(y.count == 1)
            #expect(abs(y[0] - sin(x[0])) < 0.05, "x = \(x[0]): \(y[0]) vs sin = \(sin(x[0]))")
        }
    }

    @Test func digitsMatchesExpectedOutputs() throws {
        let expected = Self.parseCSV(try Self.read("Examples/digits/expected_outputs.csv"))
        let r = try SmeltProcess.run(["run", "Examples/digits/digits.json", "--input", "Examples/digits/inputs.csv"])
        #expect(r.status == 0)
        let outputs = Self.parseCSV(r.out)
        #expect(outputs.count == expected.count)
        #expect(!expected.isEmpty)
        for (k, (got, want)) in zip(outputs, expected).enumerated() {
            #expect(got.count == 10)
            for (a, b) in zip(got, want) { #expect(abs(a - b) <= 1e-4, "row \(k + 1): \(a) vs \(b)") }
        }
    }

    /// Fixture: [1, 2] → 11.5 and [-1, 0.5] → 1.5 (hand-computed in `FixtureModel`).
    @Test func fixtureExactValuesInEveryFormat() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("m.json", FixtureModel().json)
        let csv = try dir.write("in.csv", "a,b\n1,2\n\n-1,0.5\n")
        let rows = try dir.write("rows.json", "[[1, 2], [-1, 0.5]]")
        let wrapped = try dir.write("wrapped.json", " {\"inputs\": [[1, 2], [-1, 0.5]]}")
        for input in [csv, rows, wrapped] {
            let r = try SmeltProcess.run(["run", model, "--input", input])
            #expect(r.status == 0, "\(input): \(r.err)")
            #expect(r.out == "11.5\n1.5\n", "\(input)")
        }
        let json = try SmeltProcess.run(["run", model, "-i", csv, "--format=json"])
        #expect(json.out == "{\n  \"outputs\": [\n    [11.5],\n    [1.5]\n  ]\n}\n")
        let stdin = try SmeltProcess.run(["run", model, "--input", "-"], stdin: "1,2\n")
        #expect(stdin.status == 0)
        #expect(stdin.out == "11.5\n")
    }

    @Test func outputFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("shared.json", SharedFixture.json)
        let input = try dir.write("in.csv", "1,1\n0,0\n")
        let out = dir.path("out.csv")
        let r = try SmeltProcess.run(["run", model, "--input", input, "--output", out])
        #expect(r.status == 0)
        #expect(r.out.isEmpty)
        // [1, 1] → [18, 38]; [0, 0] → fc1 [0, 0] → fc2 bias [1, 1].
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "18,38\n1,1\n")
    }
}
