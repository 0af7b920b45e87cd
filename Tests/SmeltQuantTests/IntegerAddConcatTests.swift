import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator

/// Add and Concatenate integer semantics.
@Suite("Integer Add / Concatenate")
struct IntegerAddConcatTests {
    @Test("int8 Add: TFLite's left shift 20 and per-input multipliers")
    func addInt8() throws {
        // a 0.1/0, b 0.2/10, out 0.3/−1. twice max = 0.4: M_a = 0.25, M_b = 0.5, M_out = 0.4 / (2^20 · 0.3).
        // a = 30 (3.0), b = 20 (2.0): a' = 30·2^20·0.25 = 7864320, b' = 10·2^20·0.5 = 5242880,
        // sum 13107200 · 1.2716e-6 = 16.67 → 17, − 1 = 16 (5.0 / 0.3 = 16.67).
        // a = −30, b = 10: −3.0 → −10 → −1 = −11.
        let a = TestGraphs.act("a", [2], scale: 0.1, zp: 0), b = TestGraphs.act("b", [2], scale: 0.2, zp: 10)
        let g = TestGraphs.oneNode(.add(activation: .none), ins: [a, b], out: TestGraphs.act("y", [2], scale: 0.3, zp: -1))
        let rq = try Requantization.forNode(g.nodes[0], in: g)
        #expect(rq.addLeftShift == 20)
        #expect(Array(rq.multipliers.prefix(2)) == [QuantizedMultiplier(multiplier: 1 << 30, shift: -1), QuantizedMultiplier(multiplier: 1 << 30, shift: 0)])
        let out = try IntegerInterpreter(graph: g).runAll(inputs: ["a": [30, -30], "b": [20, 10]])["y"]
        #expect(out == [16, -11])
    }

    @Test("pow2 Add aligns both inputs to the finer one, then shifts to the output")
    func addPow2() throws {
        // a n=4, b n=2, out n=3: shifts [0, −2, 1]. a 24 (1.5) + b 5 (1.25) → 24 + 20 = 44 → 22 (2.75·8).
        // a −3 (−0.1875), b 0 → −3 → −1.5 → −2.
        let a = TestGraphs.act("a", [2], scale: 1.0 / 16, zp: 0, bits: 4), b = TestGraphs.act("b", [2], scale: 0.25, zp: 0, bits: 2)
        let g = TestGraphs.oneNode(.add(activation: .none), ins: [a, b], out: TestGraphs.act("y", [2], scale: 0.125, zp: 0, bits: 3))
        #expect(try Requantization.forNode(g.nodes[0], in: g).shifts == [0, -2, 1])
        #expect(try IntegerInterpreter(graph: g).runAll(inputs: ["a": [24, -3], "b": [5, 0]])["y"] == [22, -2])
    }

    @Test("Concatenate requantizes each input to the output parameters")
    func concatInt8() throws {
        // in1 0.1/0 → out 0.2/0: multiplier 0.5: 11 → 5.5 → 6 (SRDHM ties up), −11 → −5.5 → −5.
        // in2 0.2/5: multiplier 1.0, 15 − 5 = 10 → 10.
        let a = TestGraphs.act("a", [1, 1, 2], scale: 0.1, zp: 0), b = TestGraphs.act("b", [1, 1, 1], scale: 0.2, zp: 5)
        let g = TestGraphs.oneNode(.concatenate, ins: [a, b], out: TestGraphs.act("y", [1, 1, 3], scale: 0.2, zp: 0))
        #expect(try IntegerInterpreter(graph: g).runAll(inputs: ["a": [11, -11], "b": [15]])["y"] == [6, -5, 10])
    }
}
