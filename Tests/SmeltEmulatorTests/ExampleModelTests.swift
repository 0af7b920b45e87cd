import Testing
import SmeltIR
import SmeltEmulator

/// The float interpreter against the committed examples' expected outputs, which the example
/// scripts computed independently in float64 numpy from the same float32 weights.
/// Tolerance: |got − expected| ≤ 1e-5 (absolute; the outputs are probabilities / values of order 1).
@Suite struct ExampleModelTests {
    /// digits: 20 test images → class probabilities; argmax gives the labels listed in the README.
    @Test func digitsMatchesExpectedProbabilities() throws {
        let interpreter = try FloatInterpreter(graph: try ExampleModels.graph("digits"))
        let inputs = try ExampleModels.csv("digits", "inputs.csv")
        let expected = try ExampleModels.csv("digits", "expected_outputs.csv")
        #expect(inputs.count == 20 && expected.count == 20)
        let labels = [2, 0, 4, 9, 4, 1, 2, 4, 6, 7, 9, 1, 8, 0, 9, 8, 2, 9, 7, 7]
        for (i, x) in inputs.enumerated() {
            let p = try interpreter.run(x)
            expectClose(p, expected[i])
            #expect(p.indices.max { p[$0] < p[$1] } == labels[i], "row \(i)")
        }
    }

    /// sine: a 1 → 16 → 16 → 1 MLP.
    @Test func sineMatchesExpectedOutputs() throws {
        let interpreter = try FloatInterpreter(graph: try ExampleModels.graph("sine"))
        let inputs = try ExampleModels.csv("sine", "inputs.csv")
        let expected = try ExampleModels.csv("sine", "expected_outputs.csv")
        #expect(inputs.count == expected.count && !inputs.isEmpty)
        for (x, y) in zip(inputs, expected) { expectClose(try interpreter.run(x), y) }
    }
}
