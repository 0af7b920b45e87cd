import Foundation
import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator
@testable import SmeltCodegen

/// One small quantized graph per op (and per scheme where the op has variants).
struct OpCase: CustomStringConvertible, Sendable {
    let name: String
    let scheme: TestScheme
    let build: @Sendable (inout QuantGraphBuilder) throws -> String
    var description: String { "\(name)/\(scheme.rawValue)" }

    static let convolutions: [OpCase] = TestScheme.allCases.flatMap { s -> [OpCase] in [
        OpCase(name: "dense", scheme: s) { b in
            try b.layer("fc", .dense(activation: .none), b.input([24]), outChannels: 7)
        },
        OpCase(name: "dense_relu", scheme: s) { b in
            try b.layer("fc", .dense(activation: .relu), b.input([16]), outChannels: 5)
        },
        OpCase(name: "conv2d_same_stride2_relu6", scheme: s) { b in
            try b.layer("conv", .conv2d(ConvAttributes(stride: 2, padding: .same, activation: .relu6)), b.input([7, 6, 3]), outChannels: 4, kernel: (3, 3), outScale: 8 / b.qmax)
        },
        OpCase(name: "conv2d_valid_rect", scheme: s) { b in
            try b.layer("conv", .conv2d(ConvAttributes(strideH: 1, strideW: 2, padding: .valid)), b.input([6, 7, 2]), outChannels: 3, kernel: (2, 3))
        },
        OpCase(name: "depthwise_same_relu", scheme: s) { b in
            try b.layer("dw", .depthwiseConv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu)), b.input([5, 5, 4]), outChannels: 4, kernel: (3, 3))
        },
        OpCase(name: "depthwise_valid_stride2", scheme: s) { b in
            try b.layer("dw", .depthwiseConv2d(ConvAttributes(stride: 2, padding: .valid)), b.input([7, 7, 3]), outChannels: 3, kernel: (3, 3))
        },
        OpCase(name: "pools", scheme: s) { b in
            let x = b.input([6, 6, 3])
            let q = b.quants[x]!
            let m = try b.node("max", .maxPool2d(PoolAttributes(size: 3, stride: 2, padding: .same)), [x], quant: q)
            let a = try b.node("avg", .averagePool2d(PoolAttributes(size: 2, stride: 1, padding: .same)), [m], quant: q)
            return try b.node("gap", .globalAveragePool, [a], quant: q)
        },
        OpCase(name: "concat", scheme: s) { b in
            let x = b.input([4, 4, 2])
            let c1 = try b.layer("c1", .conv2d(ConvAttributes()), x, outChannels: 3)
            let c2 = try b.layer("c2", .depthwiseConv2d(ConvAttributes(padding: .same)), x, outChannels: 2, kernel: (3, 3))
            let scale = 1.3 * Double(max(b.quants[c1]!.scales[0], b.quants[c2]!.scales[0]))
            return try b.node("cat", .concatenate, [c1, x, c2], quant: b.params(scale: scale))
        },
        OpCase(name: "mlp_relu_reshape", scheme: s) { b in
            let x = b.input([3, 3, 2])
            let f = try b.node("flat", .flatten, [x], quant: b.quants[x]!)
            let d = try b.layer("fc1", .dense(activation: .none), f, outChannels: 12)
            let r = try b.node("relu", .relu, [d], quant: b.quants[d]!)
            let d2 = try b.layer("fc2", .dense(activation: .none), r, outChannels: 6, outScale: 10 / b.qmax)
            let r6 = try b.node("relu6", .relu6, [d2], quant: b.quants[d2]!)
            return try b.node("shape", .reshape(shape: [2, 3]), [r6], quant: b.quants[r6]!)
        },
    ] }

    static let others: [OpCase] = TestScheme.allCases.flatMap { s -> [OpCase] in [
        OpCase(name: "add_relu", scheme: s) { b in
            let x = b.input([3, 3, 4])
            let c1 = try b.layer("c1", .conv2d(ConvAttributes()), x, outChannels: 4)
            let c2 = try b.layer("c2", .depthwiseConv2d(ConvAttributes(padding: .same)), x, outChannels: 4, kernel: (3, 3))
            return try b.node("add", .add(activation: .relu), [c1, c2], quant: b.params(scale: 0.08))
        },
        OpCase(name: "sigmoid", scheme: s) { b in
            try b.node("sig", .sigmoid, [b.input([40], scale: 0.01...0.05)], quant: LookupTables.sigmoidOutputParams(s.quantScheme))
        },
        OpCase(name: "tanh", scheme: s) { b in
            try b.node("tanh", .tanh, [b.input([40], scale: 0.005...0.025)], quant: LookupTables.tanhOutputParams(s.quantScheme))
        },
        OpCase(name: "softmax", scheme: s) { b in
            let x = b.input([3, 10], scale: 0.004...0.015)
            return try b.node("softmax", .softmax, [x], quant: LookupTables.softmaxOutputParams(s.quantScheme))
        },
    ] }

    static let all = convolutions + others
}

extension TestScheme {
    var quantScheme: Scheme {
        switch self {
        case .s8: return .int8
        case .s16: return .int16
        case .pow2: return .pow2
        }
    }
}

@Suite("Generated C equals the IntegerInterpreter byte for byte")
struct OpEquivalenceTests {
    @Test("100 random inputs per op and scheme, every host compiler", arguments: OpCase.all)
    func matchesReference(_ c: OpCase) throws {
        var b = QuantGraphBuilder(scheme: c.scheme, seed: c.description.unicodeScalars.reduce(17) { $0 &* 31 &+ UInt64($1.value) })
        let out = try c.build(&b)
        let graph = b.graph(output: out)
        let inputs = b.inputs(100)
        let interpreter = try IntegerInterpreter(graph: graph)
        let expected = try inputs.map { try interpreter.run($0.map { Int32($0) }).map(Int64.init) }
        // The case exercises real arithmetic: many distinct outputs, few of them saturated.
        let flat = expected.flatMap { $0 }
        let bounds = graph.tensor(out)!.dtype.integerRange!
        let saturated = flat.filter { $0 == bounds.lowerBound || $0 == bounds.upperBound }.count
        #expect(Set(flat).count >= 12, "\(c): only \(Set(flat).count) distinct outputs")
        #expect(saturated * 3 < flat.count, "\(c): \(saturated) of \(flat.count) outputs saturated")
        let generated = try CEmitter.emit(graph: graph, name: "m_\(c.name)", options: EmitOptions(singleHeader: true))
        #expect(CCompiler.available.count >= 1)
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(generated, inputs: inputs, compiler: compiler)
            #expect(got.count == inputs.count, "\(compiler)")
            let mismatches = zip(got, expected).enumerated().filter { $0.element.0 != $0.element.1 }
            #expect(mismatches.isEmpty, "\(c) with \(compiler): \(mismatches.count) of \(inputs.count) samples differ, first: \(mismatches.first.map { "#\($0.offset) C \($0.element.0) vs \($0.element.1)" } ?? "")")
        }
        // No undefined behaviour on these inputs (host cc with UBSan aborts on the first).
        let sanitized = try ModelHarness.run(generated, inputs: inputs, compiler: CCompiler.available[0], extraFlags: ModelHarness.sanitizeFlags)
        #expect(sanitized == expected, "\(c): differs or aborted under -fsanitize=undefined")
        // The single-header form compiles and computes the same.
        let single = try ModelHarness.run(generated, inputs: Array(inputs.prefix(5)), compiler: CCompiler.available[0], singleHeader: true)
        #expect(single == Array(expected.prefix(5)))
    }
}
