import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Training data")
struct TrainingDataTests {
    static let task = TrainingData.Task.classification(classes: 3)

    @Test("reads inputs and labels, the label column found by name anywhere")
    func reads() throws {
        let d = try TrainingData.parse("a,label,b\n1,2,0.5\r\n\n-3,0,4\n", path: "t.csv", inputCount: 2, task: Self.task)
        #expect(d.samples == [Sample(input: [1, 0.5], label: 2), Sample(input: [-3, 4], label: 0)])
        #expect(d.inputNames == ["a", "b"])
        let r = try TrainingData.parse("x,y\n0.5,0.25\n", path: "r.csv", inputCount: 1, task: .regression(outputs: 1))
        #expect(r.samples == [Sample(input: [0.5], values: [0.25])])
    }

    @Test("bad files give one line naming the file, line and column",
          arguments: [
            ("a,b,c,label\n1,2,3,0\n", "t.csv: rows have 4 columns; the model needs 2 inputs and a label column (3 columns)"),
            ("a,b,label\n1,2,0\n1,2\n", "t.csv: line 3 has 2 columns, expected 3"),
            ("a,b,label\n1,2,3\n", "t.csv: line 2: label 3 is out of range 0...2"),
            ("a,b,label\n1,2,-1\n", "t.csv: line 2: label -1 is out of range 0...2"),
            ("a,b,label\n1,2,1.5\n", "t.csv: line 2: label 1.5 is not an integer"),
            ("a,b,label\n1,nan,1\n", "t.csv: line 2, column 2: nan is not finite"),
            ("a,b,label\ninf,1,1\n", "t.csv: line 2, column 1: inf is not finite"),
            ("a,b,label\n1,x,1\n", "t.csv: line 2, column 2: \"x\" is not a number"),
            ("a,b,label\n", "t.csv: no data rows"),
            ("", "t.csv: no data rows"),
          ])
    func errors(text: String, message: String) {
        #expect(throws: SmeltError(message)) { try TrainingData.parse(text, path: "t.csv", inputCount: 2, task: Self.task) }
    }

    @Test("the digits CSVs load for the digits model; a missing file is an error")
    func digitsFiles() throws {
        let g = try ExampleFiles.graph("digits")
        let d = try TrainingData.load(path: ExampleFiles.path("digits", "test.csv"), for: g, loss: .softmaxCrossEntropy)
        #expect(d.samples.count == 450 && d.samples.allSatisfy { $0.input.count == 64 })
        #expect(throws: SmeltError.self) { try TrainingData.load(path: "/nonexistent.csv", for: g, loss: .softmaxCrossEntropy) }
        // inputs.csv has no label column: 64 columns where 65 are needed.
        #expect(throws: SmeltError("\(ExampleFiles.path("digits", "inputs.csv")): rows have 64 columns; the model needs 64 inputs and a label column (65 columns)")) {
            try TrainingData.load(path: ExampleFiles.path("digits", "inputs.csv"), for: g, loss: .softmaxCrossEntropy)
        }
    }
}
