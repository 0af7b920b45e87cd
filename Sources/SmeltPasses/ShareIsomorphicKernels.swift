import SmeltIR

/// Options of `shareIsomorphicKernels`.
public struct IsomorphicSharing: Sendable, Equatable {
    /// Only group layers inside these stages (see `stage(of:)`); `nil` = the whole graph is one stage.
    public var stages: [String]?
    /// Also share the biases of a group (their mean) when every member has one — as the
    /// kernel-sharing paper does ("one kernel (+bias)").
    public var shareBias: Bool

    public init(stages: [String]? = nil, shareBias: Bool = true) {
        self.stages = stages
        self.shareBias = shareBias
    }

    /// The stage of a node: its name up to the first "." or "/" (`mixer.b3.dw` → `mixer`,
    /// `stage2/conv1` → `stage2`); a name without either is its own stage.
    public static func stage(of nodeName: String) -> String {
        String(nodeName.prefix { $0 != "." && $0 != "/" })
    }
}

/// Inter-layer kernel sharing (Azadbakht et al.): groups **isomorphic** Conv2D, DepthwiseConv2D
/// and Dense layers — same op and same weight shape, i.e. same kernel size, input and output
/// channels — within a stage, and makes every member read one new kernel initialised from the
/// **mean** of the members' kernels (and one mean bias, see `IsomorphicSharing.shareBias`).
/// Strides, padding, activations, channel scales and BatchNorms stay per layer.
///
/// The new tensors are `<stage>.shared<k>.weight` / `.bias` (k = 1, 2, ... in order of the
/// group's first layer); a group needs two or more layers. Layers whose weight is already read by
/// another layer are left alone. Outputs change (the kernels are averaged): fine-tune afterwards.
/// Example: two Dense 2→1 layers in stage "s" with weights `[[1, 3]]` and `[[3, 5]]` →
/// both read `s.shared1.weight = [[2, 4]]`.
public func shareIsomorphicKernels(_ graph: Graph, options: IsomorphicSharing = IsomorphicSharing()) throws -> Graph {
    var g = try graph.verified()
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (i, n) in g.nodes.enumerated() where [.dense, .conv2d, .depthwiseConv2d].contains(n.op.kind) {
        let stage = options.stages == nil ? "" : IsomorphicSharing.stage(of: n.name)
        if let stages = options.stages, !stages.contains(stage) { continue }
        guard let w = g.tensor(n.inputs[1]), w.dtype == .float32, w.data != nil,
              g.consumers(of: w.name).count == 1 else { continue }
        let key = "\(stage)|\(n.op.kind.rawValue)|\(w.shape)"
        if groups[key] == nil { order.append(key) }
        groups[key, default: []].append(i)
    }
    var counters: [String: Int] = [:]
    var orphans: [String] = []
    for key in order {
        guard let members = groups[key], members.count > 1 else { continue }
        let stage = options.stages == nil ? "model" : String(key.prefix { $0 != "|" })
        counters[stage, default: 0] += 1
        let base = "\(stage).shared\(counters[stage]!)"
        let weights = members.map { g.tensor(g.nodes[$0].inputs[1])! }
        let w = Tensor.constant(g.freshTensorName("\(base).weight"), shape: weights[0].shape, values: mean(weights))
        g.setTensor(w)
        let hasBias = members.allSatisfy { g.nodes[$0].inputs.count > 2 }
        var biasName: String? = nil
        if options.shareBias && hasBias {
            let biases = members.map { g.tensor(g.nodes[$0].inputs[2])! }
            if biases.allSatisfy({ $0.dtype == .float32 && $0.data != nil }) {
                let b = Tensor.constant(g.freshTensorName("\(base).bias"), shape: biases[0].shape, values: mean(biases))
                g.setTensor(b)
                biasName = b.name
            }
        }
        for i in members {
            orphans.append(g.nodes[i].inputs[1])
            g.nodes[i].inputs[1] = w.name
            if let biasName {
                orphans.append(g.nodes[i].inputs[2])
                g.nodes[i].inputs[2] = biasName
            }
        }
    }
    return try g.removingOrphans(orphans).verified()
}

/// Element-wise mean of equally shaped float tensors, summed in `Double`.
private func mean(_ ts: [Tensor]) -> [Float] {
    let vs = ts.map { $0.data!.floats! }
    return (0..<vs[0].count).map { i in Float(vs.reduce(0.0) { $0 + Double($1[i]) } / Double(vs.count)) }
}
