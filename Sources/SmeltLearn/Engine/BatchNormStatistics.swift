import SmeltEmulator
import SmeltIR

/// Re-estimates BatchNorm running statistics from data.
///
/// The trainer runs BatchNorm with fixed mean and variance (it trains gamma and beta), so a model
/// whose weights change a lot — freshly initialised, or with kernels just averaged by
/// `shareIsomorphicKernels` — normalises with stale statistics. `estimate` sets every BatchNorm's
/// mean and (biased) variance to the per-channel statistics of its input over `rows`, in execution
/// order, so each BatchNorm sees the already re-estimated ones before it. Variances are floored at 1e-6.
/// Example: a BatchNorm whose input channel takes the values 1 and 3 over two rows gets mean 2, variance 1.
public enum BatchNormStatistics {
    public static func estimate(_ graph: Graph, rows: [[Float]]) throws -> Graph {
        var g = try graph.verified()
        guard let input = g.inputs.first, !rows.isEmpty else { return g }
        for bn in g.nodes where bn.op.kind == .batchNorm {
            let interpreter = try FloatInterpreter(graph: g)
            let c = try g.requireTensor(bn.inputs[1]).elementCount
            var sum = [Double](repeating: 0, count: c), sq = [Double](repeating: 0, count: c)
            var n = 0.0
            for x in rows {
                let v = try interpreter.runAll(inputs: [input: x])[bn.inputs[0]] ?? []
                for (i, a) in v.enumerated() { sum[i % c] += Double(a); sq[i % c] += Double(a) * Double(a) }
                n += Double(v.count / c)
            }
            let mean = sum.map { $0 / n }
            let variance = zip(sq, mean).map { max($0 / n - $1 * $1, 1e-6) }
            g.setTensor(.constant(bn.inputs[3], shape: [c], values: mean.map { Float($0) }))
            g.setTensor(.constant(bn.inputs[4], shape: [c], values: variance.map { Float($0) }))
        }
        return g
    }
}
