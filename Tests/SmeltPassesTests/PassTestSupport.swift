import Testing
import SmeltIR
import SmeltEmulator

extension SplitMix64 {
    /// `count` values uniform in `range`.
    mutating func floats(_ count: Int, in range: ClosedRange<Float> = -1...1) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }

    /// A float constant of `shape` with values uniform in `range`.
    mutating func constant(_ name: String, _ shape: [Int], in range: ClosedRange<Float> = -1...1) -> Tensor {
        .constant(name, shape: shape, values: floats(shape.reduce(1, *), in: range))
    }

    /// BatchNorm parameter tensors `<prefix>.gamma/.beta/.mean/.var` for `c` channels (variance in [0.25, 2]).
    mutating func batchNormParams(_ prefix: String, channels c: Int) -> [Tensor] {
        [constant("\(prefix).gamma", [c], in: -2...2), constant("\(prefix).beta", [c]),
         constant("\(prefix).mean", [c]), constant("\(prefix).var", [c], in: 0.25...2)]
    }
}

/// Float tolerance for pass equivalence: |a − b| ≤ 1e-5 + 1e-5·|b| (absolute plus relative).
func closeEnough(_ a: Float, _ b: Float) -> Bool { abs(a - b) <= 1e-5 + 1e-5 * abs(b) }

/// Runs `original` and `transformed` on `samples` random inputs (uniform in [−2, 2]) and expects
/// every graph output to agree within `closeEnough`.
func expectSameOutputs(_ original: Graph, _ transformed: Graph, samples: Int = 8, seed: UInt64 = 42,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
    let a = try FloatInterpreter(graph: original)
    let b = try FloatInterpreter(graph: transformed)
    #expect(a.graph.outputs == b.graph.outputs, sourceLocation: sourceLocation)
    var rng = SplitMix64(seed: seed)
    for _ in 0..<samples {
        var inputs: [String: [Float]] = [:]
        for name in a.graph.inputs { inputs[name] = rng.floats(a.graph.tensor(name)!.elementCount, in: -2...2) }
        let ya = try a.run(inputs: inputs), yb = try b.run(inputs: inputs)
        for (name, va) in ya {
            let vb = yb[name] ?? []
            #expect(va.count == vb.count, sourceLocation: sourceLocation)
            let bad = zip(va, vb).enumerated().filter { !closeEnough($0.element.1, $0.element.0) }
            #expect(bad.isEmpty, "output \(name): \(bad.prefix(3).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" })",
                    sourceLocation: sourceLocation)
        }
    }
}

/// The op kinds of a graph's nodes, in order.
func kinds(_ g: Graph) -> [OpKind] { g.nodes.map(\.op.kind) }
