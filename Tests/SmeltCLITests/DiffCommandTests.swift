import Foundation
import Testing

/// `smelt diff`: per-layer float vs integer errors in real units.
@Suite struct DiffCommandTests {
    /// Table rows as cells (split on two or more spaces), without header and rule.
    static func rows(_ out: String) -> [[String]] {
        out.split(separator: "\n").dropFirst(3).map { line in
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test func digitsErrorsPerLayer() throws {
        let r = try SmeltProcess.run(["diff", "Examples/digits/digits.json", "-c", "Examples/digits/calibration.csv",
                                      "-i", "Examples/digits/inputs.csv"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Examples/digits/digits.json: int8 vs float on 20 input rows (errors in real units)\n"))
        let rows = Self.rows(r.out)
        #expect(rows.map { $0[1] } == ["conv1", "conv2", "flatten", "fc", "softmax"])
        for row in rows {
            let (range, scale, maxErr, meanErr, steps) = (Double(row[4])!, Double(row[5])!, Double(row[6])!, Double(row[7])!, Double(row[8])!)
            #expect(meanErr <= maxErr && maxErr > 0, "\(row)")
            #expect(abs(steps - maxErr / scale) < 0.02 * steps + 0.01, "\(row)")
            #expect(maxErr < 0.05 * max(range, 1), "\(row): error above 5 % of the range")
        }
        // Scales follow from the committed calibration: conv1's range 0...3.77 → 3.77 / 255.
        #expect(rows[0][5] == "0.01478" && rows[4][5] == "0.003906")
        // Flatten only reinterprets conv2's output: identical errors.
        #expect(rows[1][4...] == rows[2][4...])
    }

    @Test func sinePow2() throws {
        let r = try SmeltProcess.run(["diff", "Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv",
                                      "-i", "Examples/sine/inputs.csv", "--scheme", "pow2"])
        #expect(r.status == 0, "\(r.err)")
        let rows = Self.rows(r.out)
        #expect(rows.map { $0[1] } == ["fc1", "fc2", "fc3"])
        #expect(rows.allSatisfy { ["0.125", "0.0625", "0.03125", "0.01562", "0.007812"].contains($0[5]) }, "power-of-two scales: \(rows)")
    }

    @Test func errors() throws {
        BadInputTests.expectOneError(
            try SmeltProcess.run(["diff", "Tests/Fixtures/tflite/fc.tflite", "-i", "Examples/sine/inputs.csv"]),
            mentions: ["fc.tflite", "already quantized"])
        BadInputTests.expectOneError(
            try SmeltProcess.run(["diff", "Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv", "-i", "Examples/digits/inputs.csv"]),
            mentions: ["Examples/digits/inputs.csv", "line 1 has 64 columns, expected 1"])
        let usage = try SmeltProcess.run(["diff", "Examples/sine/sine.json", "-c", "Examples/sine/calibration.csv"])
        #expect(usage.status == 2 && usage.err.contains("missing required option '--input FILE'"))
    }
}
