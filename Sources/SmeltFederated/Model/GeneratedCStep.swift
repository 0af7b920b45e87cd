import SmeltIR
import SmeltLearn

/// Local training with SmeltLearn's `FixedPointLearner`: the Q7.24 online step that the
/// generated C (`smelt compile --trainable`, `smelt_learn_q.c`) runs, bit for bit. Batch 1 only
/// (the C step learns one sample at a time); `epochs` passes over the samples in order.
/// φ is rounded to Q7.24 once on arrival, the trained Q7.24 weights are returned as floats.
enum GeneratedCStep {
    static func train(mlp: MLP, loss: FederatedLoss, initial p: [Float], samples: SampleSet, lr: Float, epochs: Int) -> [Float] {
        var layers: [DenseLayer] = []
        for l in 0..<mlp.layerCount {
            let n = mlp.sizes[l], m = mlp.sizes[l + 1]
            let w = Array(p[mlp.weightOffsets[l]..<(mlp.weightOffsets[l] + n * m)])
            let b = Array(p[mlp.biasOffsets[l]..<(mlp.biasOffsets[l] + m)])
            guard let layer = try? DenseLayer(weight: w, bias: b, inputs: n, activation: l + 1 < mlp.layerCount ? .relu : .none) else {
                return [Float](repeating: .nan, count: p.count)
            }
            layers.append(layer)
        }
        guard var learner = try? FixedPointLearner(layers: layers, loss: loss == .meanSquaredError ? .meanSquaredError : .softmaxCrossEntropy,
                                                   learningRate: Double(lr)) else {
            return [Float](repeating: .nan, count: p.count)
        }
        let iw = samples.inputWidth, tw = samples.targetWidth
        for _ in 0..<epochs {
            for s in 0..<samples.count {
                let x = samples.inputs[(s * iw)..<((s + 1) * iw)].map { LearnMath.fromFloat(Double($0)) }
                let t = samples.targets[(s * tw)..<((s + 1) * tw)]
                if loss == .meanSquaredError {
                    _ = try? learner.learn(x, target: t.map { LearnMath.fromFloat(Double($0)) })
                } else {
                    _ = try? learner.learn(x, label: Int(t.first!))
                }
            }
        }
        return learner.parameters.map { Float(LearnMath.toDouble($0)) }
    }
}
