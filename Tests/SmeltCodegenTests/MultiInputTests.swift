import Foundation
import Testing
import SmeltIR
import SmeltQuant
import SmeltPasses
import SmeltEmulator
@testable import SmeltCodegen

/// A Smelt JSON model with two inputs (Tests/Fixtures/smelt/two_inputs.json: `a` → Dense+ReLU,
/// plus `b` (Add), concatenated with `a` again), calibrated on rows that hold `a` then `b`,
/// quantized in every scheme and generated as C with `NAME_invoke_inputs`: the C output equals
/// the integer interpreter's byte for byte on random inputs over the whole dtype range.
@Suite("Generated C with several inputs")
struct MultiInputTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/smelt/two_inputs.json").path

    /// The float model, calibrated on seeded rows of 12 values (6 of `a`, then 6 of `b`).
    static func quantized(_ scheme: Scheme) throws -> Graph {
        let float = try Pipeline.standard(try ModelFile.load(path: path))
        var rng = SplitMix64(seed: 11)
        let rows = (0..<64).map { _ in (0..<12).map { _ in Float(Double.random(in: -1...1, using: &rng)) } }
        let calibration = try Calibration.collect(graph: float, samples: rows)
        return try Quantizer.quantize(graph: float, calibration: calibration, scheme: scheme)
    }

    @Test("calibration takes the inputs concatenated and names them on a bad width")
    func calibrationWidth() throws {
        let float = try Pipeline.standard(try ModelFile.load(path: Self.path))
        #expect(float.inputs == ["a", "b"])
        #expect(throws: SmeltError("calibration sample 1 has 6 values, inputs \"a\", \"b\" need 12 together")) {
            try Calibration.collect(graph: float, samples: [[Float](repeating: 0, count: 6)])
        }
    }

    @Test("C equals the integer interpreter", arguments: [Scheme.int8, .int16, .pow2])
    func matchesInterpreter(_ scheme: Scheme) throws {
        let g = try Self.quantized(scheme)
        let c = try CEmitter.emit(graph: g, name: "two")
        #expect(c.inputCount == 2)
        #expect(c.header.contains("#define TWO_NUM_INPUTS 2 "))
        #expect(c.header.contains("#define TWO_INPUT0_SIZE 6 ") && c.header.contains("#define TWO_INPUT1_SIZE 6 "))
        #expect(c.header.contains("int two_invoke_inputs(const two_io_t *const inputs[TWO_NUM_INPUTS], two_io_t *output);"))
        // Both inputs stay in the caller's buffers: the arena holds only h and s.
        let a = try g.requireTensor("a")
        #expect(c.report.arenaBytes <= 2 * ((a.byteCount + 3) / 4 * 4))

        let range = a.dtype.integerRange!
        var rng = SplitMix64(seed: 5)
        let samples = (0..<40).map { _ in (0..<12).map { _ in Int64.random(in: range, using: &rng) } }
        let interpreter = try IntegerInterpreter(graph: g)
        let expected = try samples.map { s in
            try interpreter.runAll(inputs: ["a": s[0..<6].map { Int32($0) }, "b": s[6..<12].map { Int32($0) }])[g.outputs[0]]!.map(Int64.init)
        }
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(c, inputs: samples, compiler: compiler)
            #expect(got == expected, "\(scheme) with \(compiler)")
            let single = try ModelHarness.run(try CEmitter.emit(graph: g, name: "two", options: EmitOptions(singleHeader: true)),
                                              inputs: samples, compiler: compiler, singleHeader: true)
            #expect(single == expected, "\(scheme) single header with \(compiler)")
        }
    }

    @Test("one input keeps NAME_invoke and NAME_INPUT_SIZE")
    func oneInputUnchanged() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 3)
        let x = b.input([4])
        let y = try b.layer("fc", .dense(activation: .none), x, outChannels: 3)
        let c = try CEmitter.emit(graph: b.graph(output: y), name: "one")
        #expect(c.inputCount == 1)
        #expect(c.header.contains("int one_invoke(const one_io_t *input, one_io_t *output);"))
        #expect(c.header.contains("#define ONE_INPUT_SIZE 4 ") && !c.header.contains("NUM_INPUTS"))
    }
}
