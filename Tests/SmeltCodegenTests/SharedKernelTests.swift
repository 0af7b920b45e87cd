import Foundation
import Testing
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltEmulator
@testable import SmeltCodegen

/// Kernel sharing through quantization and C (docs/kernel-sharing.md): a ConvMixer whose blocks
/// share one depthwise and one pointwise kernel, with every block's BatchNorm (negative gammas
/// included) folded into that layer's channel scale. The generated C holds one weight array per
/// shared group and matches the IntegerInterpreter byte for byte.
@Suite("Shared kernels: one array per group, C equals the IntegerInterpreter")
struct SharedKernelTests {
    /// A shared ConvMixer (input 8×8×1, width 8, `blocks` blocks) with random BatchNorm
    /// statistics (gamma in [−1.5, 1.5], some negative) and random biases.
    static func model(blocks: Int, shared: Bool = true, seed: UInt64 = 11) throws -> Graph {
        var g = try ConvMixerModel.graph(input: [8, 8, 1], width: 8, blocks: blocks, classes: 10, shared: shared, seed: seed)
        var rng = SplitMix64(seed: seed &+ 1000)
        func uniform(_ n: Int, _ lo: Float, _ hi: Float) -> [Float] {
            (0..<n).map { _ in lo + (hi - lo) * Float(rng.next() >> 40) / Float(1 << 24) }
        }
        for t in g.tensors where t.isConstant {
            let n = t.elementCount
            var values: [Float]? = nil
            if t.name.hasSuffix(".gamma") { values = uniform(n, -1.5, 1.5).map { abs($0) < 0.2 ? $0 + 0.4 : $0 } }
            if t.name.hasSuffix(".beta") || t.name.hasSuffix(".bias") || t.name.hasSuffix(".mean") { values = uniform(n, -0.3, 0.3) }
            if t.name.hasSuffix(".variance") { values = uniform(n, 0.5, 1.5) }
            if let values { g.setTensor(.constant(t.name, shape: t.shape, values: values)) }
        }
        return g
    }

    static func calibrationRows(_ count: Int, seed: UInt64 = 5) -> [[Float]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<64).map { _ in Float(rng.next() >> 40) / Float(1 << 24) } }
    }

    static func quantized(blocks: Int, scheme: Scheme, shared: Bool = true) throws -> Graph {
        let float = try Pipeline.standard(model(blocks: blocks, shared: shared))
        let cal = try Calibration.collect(graph: float, samples: calibrationRows(64))
        return try Quantizer.quantize(graph: float, calibration: cal, scheme: scheme)
    }

    @Test("one int8 tensor per group; BatchNorm lives in each layer's multipliers", arguments: [Scheme.int8, .int16])
    func quantizedGraphKeepsOneCopy(scheme: Scheme) throws {
        let q = try Self.quantized(blocks: 3, scheme: scheme)
        let shared = q.sharedTensors.filter { q.tensor($0.tensor)!.dtype == .int8 }
        #expect(shared.map(\.tensor) == ["mixer.dw.weight", "mixer.pw.weight"])
        #expect(shared.allSatisfy { $0.readers.count == 3 })
        let rqs = try q.nodes.filter { $0.inputs.count > 3 }.map { try Requantization.forNode($0, in: q) }
        #expect(rqs.count == 6)
        #expect(rqs.contains { $0.multipliers.contains { $0.multiplier < 0 } }, "negative gammas give negative multipliers")
        #expect(Set(rqs.map(\.multipliers)).count == 6, "every layer has its own requantization")
    }

    @Test("generated C: one weight array per shared group, byte-identical outputs", arguments: [Scheme.int8, .int16])
    func generatedCMatches(scheme: Scheme) throws {
        let q = try Self.quantized(blocks: 3, scheme: scheme)
        let c = try CEmitter.emit(graph: q, name: "mixer", options: EmitOptions())
        // int8 weight arrays: stem, the shared depthwise, the shared pointwise, head = 4
        // (an unshared 3-block model has 2 + 2·3 = 8).
        let int8Arrays = c.source.components(separatedBy: "static const int8_t ").count - 1
        #expect(int8Arrays == 4)
        for group in ["mixer_mixer_dw_weight", "mixer_mixer_pw_weight"] {
            #expect(c.source.components(separatedBy: "static const int8_t \(group)[").count - 1 == 1)
            let calls = c.source.split(separator: "\n").filter { $0.contains("smelt_") && $0.contains("(&") && $0.contains(group) }
            #expect(calls.count == 3, "\(group) read by \(calls.count) layers")
        }
        let interpreter = try IntegerInterpreter(graph: q)
        let inputs = try Self.calibrationRows(100, seed: 77).map { try q.quantizeInput($0) }
        let expected = try inputs.map { try interpreter.run($0).map(Int64.init) }
        #expect(Set(expected).count > 10)
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(c, inputs: inputs.map { $0.map(Int64.init) }, compiler: compiler,
                                           extraFlags: compiler.path == CCompiler.available[0].path ? ModelHarness.sanitizeFlags : [])
            #expect(got == expected, "\(scheme) with \(compiler): \(zip(got, expected).filter { $0.0 != $0.1 }.count) samples differ")
        }
    }

    /// The signs are right, not just consistent: the integer model tracks the float one.
    @Test func integerOutputsTrackFloat() throws {
        let float = try Pipeline.standard(Self.model(blocks: 3))
        let q = try Self.quantized(blocks: 3, scheme: .int8)
        let fi = try FloatInterpreter(graph: float), ii = try IntegerInterpreter(graph: q)
        var worst: Float = 0
        for row in Self.calibrationRows(20, seed: 9) {
            let y = try fi.run(row), yq = try q.dequantizeOutput(ii.run(q.quantizeInput(row)), name: q.outputs[0])
            for (a, b) in zip(y, yq) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst < 0.05, "max |float − int8| softmax output \(worst)")
    }

    @Test func negativeMultipliersNegateExactly() {
        #expect(FixedPoint.multiplyByQuantizedMultiplier(1000, -1077952576, -7) == -4)
        for x: Int32 in [-1_000_003, -129, -1, 0, 1, 127, 65_537, Int32.max, Int32.min] {
            for (m, s) in [(1077952576, -7), (1610612736, 0), (Int32.max, 3), (1073741824, -31)] as [(Int32, Int)] {
                #expect(FixedPoint.multiplyByQuantizedMultiplier(x, -m, s) == -FixedPoint.multiplyByQuantizedMultiplier(x, m, s))
            }
        }
    }

    /// `--specialize`: per-layer specialized kernels, no params structs for them, same bytes out.
    @Test("specialized C equals the IntegerInterpreter", arguments: [Scheme.int8, .int16])
    func specializedMatches(scheme: Scheme) throws {
        let q = try Self.quantized(blocks: 2, scheme: scheme)
        let c = try CEmitter.emit(graph: q, name: "mixer", options: EmitOptions(specialize: true))
        #expect(c.source.contains("static void mixer_l0_conv2d_"))
        // Kernels that read only `p->field` specialize completely (the residual add: no params
        // struct left); conv/depthwise kernels that hand `p` to a helper keep their struct,
        // bound inside the copy.
        #expect(c.source.contains("static void mixer_l2_add_"))
        #expect(!c.source.contains(" mixer_l2_params = {"))
        #expect(c.source.components(separatedBy: "static const int8_t ").count - 1 == 4)
        let interpreter = try IntegerInterpreter(graph: q)
        let inputs = try Self.calibrationRows(50, seed: 78).map { try q.quantizeInput($0) }
        let expected = try inputs.map { try interpreter.run($0).map(Int64.init) }
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(c, inputs: inputs.map { $0.map(Int64.init) }, compiler: compiler)
            #expect(got == expected, "\(scheme) with \(compiler)")
        }
    }

    @Test func unsharedModelHasOneArrayPerLayer() throws {
        let q = try Self.quantized(blocks: 3, scheme: .int8, shared: false)
        let c = try CEmitter.emit(graph: q, name: "mixer", options: EmitOptions())
        #expect(c.source.components(separatedBy: "static const int8_t ").count - 1 == 8)
    }

    @Test func pow2RejectsChannelScales() throws {
        #expect(throws: SmeltError.self) { try Self.quantized(blocks: 2, scheme: .pow2) }
    }
}
