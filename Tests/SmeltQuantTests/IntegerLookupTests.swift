import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator

/// Sigmoid, Tanh and Softmax tables and kernels.
@Suite("Integer Sigmoid / Tanh / Softmax")
struct IntegerLookupTests {
    @Test("int8 Sigmoid table and kernel")
    func sigmoid8() throws {
        // In 1/16 (x = 16 is 1.0), out 1/256, −128: sigmoid(1)·256 = 187.15 → 187 − 128 = 59;
        // x 0 → 128 − 128 = 0; x −128 → sigmoid(−8)·256 = 0.09 → −128; x 127 → 255.9 → 256 − 128 → 127.
        let inQ = QuantParams(scale: 1.0 / 16, zeroPoint: 0)
        let table = LookupTables.sigmoid(inputParams: inQ, outputParams: LookupTables.sigmoidOutputParams(.int8))
        #expect(table.count == 256 && table[144] == 59)
        let g = TestGraphs.oneNode(.sigmoid, ins: [TestGraphs.act("x", [4], scale: 1.0 / 16, zp: 0)], out: TestGraphs.act("y", [4], scale: 1.0 / 256, zp: -128))
        #expect(try IntegerInterpreter(graph: g).run([16, 0, -128, 127]) == [59, 0, -128, 127])
    }

    @Test("int8 Tanh kernel")
    func tanh8() throws {
        // In 1/32, out 1/128: tanh(0.5)·128 = 59.15 → 59; x 127 → tanh(3.97)·128 = 127.9 → 128 → 127.
        let g = TestGraphs.oneNode(.tanh, ins: [TestGraphs.act("x", [4], scale: 1.0 / 32, zp: 0)], out: TestGraphs.act("y", [4], scale: 1.0 / 128, zp: 0))
        #expect(try IntegerInterpreter(graph: g).run([16, -16, 0, 127]) == [59, -59, 0, 127])
    }

    @Test("int16 Sigmoid interpolates a 513-entry table")
    func sigmoid16() throws {
        // In 1/4096, out 1/32768: t[256] = 16384 (x 0), t[257] = round(sigmoid(128/4096)·32768) = 16640.
        // x 64 → i 256, f 64: (16384·64 + 16640·64 + 64) >> 7 = 16512 (exact 16511.997).
        let t = LookupTables.sigmoid16(inputParams: QuantParams(scale: 1.0 / 4096, zeroPoint: 0), outputParams: LookupTables.sigmoidOutputParams(.int16))
        #expect(t.count == 513 && t[256] == 16384 && t[257] == 16640)
        #expect(LookupTables.interpolate(t, at: 64) == 16512)
        let g = TestGraphs.oneNode(.sigmoid, ins: [TestGraphs.act("x", [2], scale: 1.0 / 4096, zp: 0, dtype: .int16)],
                                   out: TestGraphs.act("y", [2], scale: 1.0 / 32768, zp: 0, dtype: .int16))
        #expect(try IntegerInterpreter(graph: g).run([0, 64]) == [16384, 16512])
    }

    @Test("int8 Softmax: Q16 exp table, int32 sum, output 1/256 −128")
    func softmax8() throws {
        // In 0.1: x = [10, 0, 10] → d = [0, 10, 0] → e = [65536, 24109, 65536] (65536/e), sum 155181;
        // (65536·256 + 77590) / 155181 = 108 → −20; (24109·256 + 77590) / 155181 = 40 → −88.
        // Float: e/(2e + 1)·256 = 108.1, 1/(2e + 1)·256 = 39.8.
        let table = LookupTables.softmaxExp(inputParams: QuantParams(scale: 0.1, zeroPoint: 0), dtype: .int8)
        #expect(table.count == 256 && table[0] == 65536 && table[10] == 24109)
        let g = TestGraphs.oneNode(.softmax, ins: [TestGraphs.act("x", [3], scale: 0.1, zp: 0)], out: TestGraphs.act("y", [3], scale: 1.0 / 256, zp: -128))
        #expect(try IntegerInterpreter(graph: g).run([10, 0, 10]) == [-20, -88, -20])
    }

    @Test("int16 Softmax: interpolated exp, output 1/32768")
    func softmax16() throws {
        // In 1/1024: x = [1024, 0] → d = [0, 1024] → e = [65536, t[8] = round(e^-1·65536) = 24109], sum 89645;
        // (65536·32768 + 44822) / 89645 = 23955; (24109·32768 + 44822) / 89645 = 8813. Float: 23955.3, 8812.7.
        let g = TestGraphs.oneNode(.softmax, ins: [TestGraphs.act("x", [2], scale: 1.0 / 1024, zp: 0, dtype: .int16)],
                                   out: TestGraphs.act("y", [2], scale: 1.0 / 32768, zp: 0, dtype: .int16))
        #expect(try IntegerInterpreter(graph: g).run([1024, 0]) == [23955, 8813])
    }
}
