import Foundation
import SmeltIR

/// Trains a float graph on the host: forward and backward in `Double`, one sample at a time,
/// gradients averaged over each mini-batch, then one optimizer step. Deterministic: the same
/// graph, data, options and `seed` give the same weights bit for bit (the seed drives the
/// per-epoch shuffle; nothing else is random).
///
/// BatchNorm trains as an inference-time affine op: its γ and β learn, its running mean and
/// variance stay fixed (no batch statistics). For softmax cross-entropy on a graph ending in
/// Softmax, the loss is taken on the Softmax's input (see `Loss`).
///
/// `Trainer` is a value: `graph` is a new graph with the trained weights, and the caller's graph
/// is never modified. If the loss becomes NaN or infinite, `trainEpoch` throws an error naming
/// the epoch and leaves the trainer as it was before that epoch.
///
/// ```swift
/// var trainer = try Trainer(graph: g, loss: .softmaxCrossEntropy, optimizer: .adam(learningRate: 3e-3), seed: 1)
/// for _ in 0..<5 { print(try trainer.trainEpoch(samples: train.samples)) }
/// let test = try trainer.evaluate(samples: testSet.samples)
/// try ModelFile.write(trainer.graph, to: "trained.json")
/// ```
public struct Trainer: Sendable {
    /// The loss minimised.
    public let loss: Loss
    /// Update rule, learning rate and batch size.
    public let optimizer: Optimizer
    /// Names of the trained constants, in graph order.
    public let trainable: [String]
    /// Epochs completed.
    public private(set) var epochs = 0
    /// Whether each epoch visits the samples in a seeded random order (else in the given order).
    public var shuffle: Bool

    var net: DifferentiableGraph
    var state: OptimizerState
    var rng: SeededGenerator
    let head: LossHead
    let parameterSlots: [Int]
    let requires: [Bool]

    /// Prepares training of `graph` (float32, one input, one output).
    ///
    /// `trainable`: tensor names to train; `nil` trains every float constant except BatchNorm
    /// running means and variances (inputs 3 and 4 of BatchNorm nodes, which stay fixed).
    /// Throws if a name is unknown or not a constant, or `batchSize < 1`.
    public init(graph: Graph, loss: Loss, optimizer: Optimizer, trainable: Set<String>? = nil,
                seed: UInt64 = 0, shuffle: Bool = true) throws {
        guard optimizer.batchSize >= 1 else { throw SmeltError("batch size must be at least 1, got \(optimizer.batchSize)") }
        guard optimizer.learningRate.isFinite, optimizer.learningRate > 0 else {
            throw SmeltError("learning rate must be a positive number, got \(optimizer.learningRate)")
        }
        let net = try DifferentiableGraph(graph: graph)
        let g = net.graph
        var statistics: Set<String> = []
        for n in g.nodes where n.op.kind == .batchNorm { statistics.formUnion(n.inputs[3...]) }
        let names: [String]
        if let trainable {
            for name in trainable.sorted() {
                guard let t = g.tensor(name) else { throw SmeltError("trainable tensor \"\(name)\" is not in graph \"\(g.name)\"") }
                guard t.isConstant else { throw SmeltError("trainable tensor \"\(name)\" is an activation, not a constant") }
            }
            names = g.tensors.filter { trainable.contains($0.name) }.map(\.name)
        } else {
            names = g.tensors.filter { $0.isConstant && !statistics.contains($0.name) }.map(\.name)
        }
        self.loss = loss
        self.optimizer = optimizer
        self.trainable = names
        self.shuffle = shuffle
        self.net = net
        self.head = try LossHead(net, loss: loss)
        self.parameterSlots = names.map { net.slotOf[$0]! }
        self.requires = net.requiresGradient(Set(parameterSlots))
        self.state = OptimizerState(optimizer: optimizer, parameterSizes: parameterSlots.map { net.values[$0].count })
        self.rng = SeededGenerator(seed: seed)
    }

    /// The graph with the current (trained) weights.
    public var graph: Graph { net.updatedGraph }

    /// One pass over `samples` in mini-batches of `optimizer.batchSize`.
    /// Throws for a sample that does not fit the graph, or when the loss diverges (the error names
    /// the epoch; the trainer keeps the weights it had before this epoch).
    public mutating func trainEpoch(samples: [Sample]) throws -> EpochStats {
        let start = Date()
        let saved = self
        let epoch = epochs + 1
        guard !samples.isEmpty else { throw SmeltError("epoch \(epoch): no training samples") }
        try check(samples)
        var order = Array(samples.indices)
        if shuffle { rng.shuffle(&order) }
        var totalLoss = 0.0, correct = 0, labelled = 0
        var batchStart = 0
        while batchStart < order.count {
            let batch = order[batchStart..<min(batchStart + optimizer.batchSize, order.count)]
            var sums = parameterSlots.map { [Double](repeating: 0, count: net.values[$0].count) }
            for i in batch {
                let (l, output, grads) = lossAndGradients(samples[i])
                guard l.isFinite else {
                    self = saved
                    throw SmeltError("epoch \(epoch): the loss became \(l) at sample \(i); training diverged (try a smaller learning rate); the model was left as it was before epoch \(epoch)")
                }
                totalLoss += l
                if case .label(let k) = samples[i].target {
                    labelled += 1
                    if argmax(output) == k { correct += 1 }
                }
                for (k, g) in grads.enumerated() { for j in g.indices { sums[k][j] += g[j] } }
            }
            let scale = 1 / Double(batch.count)
            var params = parameterSlots.map { net.values[$0] }
            state.step(&params, gradients: sums.map { $0.map { $0 * scale } })
            for (k, s) in parameterSlots.enumerated() { net.values[s] = params[k] }
            batchStart += batch.count
        }
        if let bad = parameterSlots.first(where: { net.values[$0].contains { !$0.isFinite } }) {
            self = saved
            throw SmeltError("epoch \(epoch): tensor \"\(net.names[bad])\" became NaN or infinite; training diverged (try a smaller learning rate); the model was left as it was before epoch \(epoch)")
        }
        epochs = epoch
        return EpochStats(loss: totalLoss / Double(samples.count),
                          accuracy: labelled > 0 ? Double(correct) / Double(labelled) : nil,
                          seconds: Date().timeIntervalSince(start))
    }

    /// Loss and accuracy of the current weights on `samples`, without changing anything.
    public func evaluate(samples: [Sample]) throws -> EpochStats {
        let start = Date()
        guard !samples.isEmpty else { throw SmeltError("no samples to evaluate") }
        try check(samples)
        var totalLoss = 0.0, correct = 0, labelled = 0
        for s in samples {
            let output = lossInput(s.input)
            totalLoss += loss.evaluate(output, target: s.target).loss
            if case .label(let k) = s.target {
                labelled += 1
                if argmax(output) == k { correct += 1 }
            }
        }
        return EpochStats(loss: totalLoss / Double(samples.count),
                          accuracy: labelled > 0 ? Double(correct) / Double(labelled) : nil,
                          seconds: Date().timeIntervalSince(start))
    }

    /// The current value of a trained tensor, in the `Double` precision training keeps
    /// (`graph` rounds it to float32); `nil` if `name` is not trainable.
    public func parameter(_ name: String) -> [Double]? {
        trainable.contains(name) ? net.value(of: name) : nil
    }

    /// Replaces the value of a trained tensor (e.g. a meta-learning step on the weights).
    /// Optimizer memory (momentum, Adam moments) is kept.
    public mutating func setParameter(_ name: String, to values: [Double]) throws {
        guard trainable.contains(name) else { throw SmeltError("tensor \"\(name)\" is not trained by this trainer") }
        try net.setValue(values, of: name)
    }

    /// The graph's output for one input (probabilities if it ends in Softmax), in `Double`.
    public func predict(_ input: [Float]) -> [Double] {
        let v = net.forwardSlots([net.slotOf[net.graph.inputs[0]]!: input.map(Double.init)], through: net.steps.count)
        return v[net.slotOf[net.graph.outputs[0]]!]
    }

    /// The loss of one sample and its gradient for every trainable tensor (by name), at the
    /// current weights; nothing is updated.
    public func gradients(_ sample: Sample) throws -> (loss: Double, gradients: [String: [Double]]) {
        try check([sample])
        let (l, _, g) = lossAndGradients(sample)
        return (l, Dictionary(uniqueKeysWithValues: zip(trainable, g)))
    }

    // MARK: internals

    private func lossInput(_ input: [Float]) -> [Double] {
        let v = net.forwardSlots([net.slotOf[net.graph.inputs[0]]!: input.map(Double.init)], through: head.stepCount)
        return v[head.slot]
    }

    private func lossAndGradients(_ sample: Sample) -> (Double, [Double], [[Double]]) {
        let acts = net.forwardSlots([net.slotOf[net.graph.inputs[0]]!: sample.input.map(Double.init)], through: head.stepCount)
        let output = acts[head.slot]
        let (l, dOut) = loss.evaluate(output, target: sample.target)
        let grads = net.backwardSlots(acts, seeds: [head.slot: dOut], requires: requires, through: head.stepCount)
        return (l, output, parameterSlots.map { grads[$0] ?? [Double](repeating: 0, count: net.values[$0].count) })
    }

    private func check(_ samples: [Sample]) throws {
        let inputCount = try net.graph.requireTensor(net.graph.inputs[0]).elementCount
        for (i, s) in samples.enumerated() {
            guard s.input.count == inputCount else {
                throw SmeltError("sample \(i): \(s.input.count) input values, graph \"\(net.graph.name)\" expects \(inputCount)")
            }
            if let j = s.input.firstIndex(where: { !$0.isFinite }) {
                throw SmeltError("sample \(i): input value \(j) is \(s.input[j])")
            }
            switch s.target {
            case .label(let k):
                guard (0..<head.width).contains(k) else {
                    throw SmeltError("sample \(i): label \(k) is out of range 0...\(head.width - 1)")
                }
            case .values(let v):
                guard v.count == head.width else {
                    throw SmeltError("sample \(i): \(v.count) target values, graph output has \(head.width)")
                }
            }
        }
    }
}

/// Index of the largest value (the first one on ties).
func argmax(_ v: [Double]) -> Int {
    var best = 0
    for i in v.indices where v[i] > v[best] { best = i }
    return best
}
