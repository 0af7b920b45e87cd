import Foundation
import Testing
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltEmulator

/// The digits example quantized with its committed calibration set, scored on the committed test split.
@Suite("Digits example accuracy after quantization")
struct DigitsAccuracyTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/digits")

    static func argmax<T: Comparable>(_ v: [T]) -> Int { v.indices.max { v[$0] < v[$1] }! }

    /// Float and integer test accuracy (in %) for `scheme`.
    static func accuracies(_ scheme: Scheme) throws -> (float: Double, integer: Double) {
        let model = try Pipeline.standard(ModelFile.load(path: dir.appendingPathComponent("digits.json").path))
        let calibration = try CSVData(path: dir.appendingPathComponent("calibration.csv").path).rows
        let (test, labels) = try CSVData(path: dir.appendingPathComponent("test.csv").path).splittingLabelColumn(.last)
        let q = try Quantizer.quantize(graph: model, calibration: Calibration.collect(graph: model, samples: calibration), scheme: scheme)
        let float = try FloatInterpreter(graph: model), ints = try IntegerInterpreter(graph: q)
        var floatRight = 0, intRight = 0
        for (x, label) in zip(test.rows, labels) {
            if argmax(try float.run(x)) == Int(label) { floatRight += 1 }
            if argmax(try ints.run(q.quantizeInput(x))) == Int(label) { intRight += 1 }
        }
        let n = Double(labels.count)
        return (100 * Double(floatRight) / n, 100 * Double(intRight) / n)
    }

    @Test("int8 and int16 stay within 1 point of float; pow2's loss is measured, not hidden")
    func accuracyWithinOnePoint() throws {
        let int8 = try Self.accuracies(.int8)
        #expect(int8.float > 97.0)                    // 440/450 = 97.78 % per Examples/digits/README.md
        #expect(int8.integer >= int8.float - 1.0)
        let int16 = try Self.accuracies(.int16)
        #expect(int16.integer >= int16.float - 1.0)
        let pow2 = try Self.accuracies(.pow2)
        #expect(pow2.integer > 80.0)
        print("digits test accuracy: float \(int8.float) %, int8 \(int8.integer) %, int16 \(int16.integer) %, pow2 \(pow2.integer) %")
    }
}
