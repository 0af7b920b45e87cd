import Foundation
import Testing

/// `smelt compile` of a model with two inputs: calibration rows hold input `a` then input `b`, and
/// the C takes them through `NAME_invoke_inputs` (docs/contracts.md, "Several inputs").
@Suite struct CompileMultiInputTests {
    static let model = SmeltProcess.packageRoot.appendingPathComponent("Tests/Fixtures/smelt/two_inputs.json").path

    /// 16 rows of 12 values (6 of `a`, 6 of `b`) in [-1, 1].
    static var calibration: String {
        var lines: [String] = []
        for r in 0..<16 {
            var row: [String] = []
            for c in 0..<12 {
                let tenths: Int = (r * 7 + c * 5) % 21 - 10
                row.append(String(Double(tenths) / 10))
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func compilesWithConcatenatedCalibrationRows() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let csv = try dir.write("cal.csv", Self.calibration)
        let r = try SmeltProcess.run(["compile", Self.model, "-c", csv, "-o", dir.path("out")])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("calibrated on 16 samples"), "\(r.out)")
        let header = try String(contentsOfFile: dir.path("out/two_inputs.h"), encoding: .utf8)
        #expect(header.contains("#define TWO_INPUTS_NUM_INPUTS 2 "))
        #expect(header.contains("#define TWO_INPUTS_INPUT0_SIZE 6 ") && header.contains("#define TWO_INPUTS_INPUT1_SIZE 6 "))
        #expect(header.contains("int two_inputs_invoke_inputs(const two_inputs_io_t *const inputs[TWO_INPUTS_NUM_INPUTS], two_inputs_io_t *output);"))
        #expect(FileManager.default.fileExists(atPath: dir.path("out/two_inputs.c")))
    }

    @Test func rowOfOneInputsWidthIsOneError() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let csv = try dir.write("cal.csv", "0,0,0,0,0,0\n")
        let r = try SmeltProcess.run(["compile", Self.model, "-c", csv, "-o", dir.path("out")])
        #expect(r.status == 1)
        #expect(r.errLines.count == 1 && r.err.contains("line 1 has 6 columns, expected 12") && r.err.contains("\"a\" + \"b\""), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }
}
