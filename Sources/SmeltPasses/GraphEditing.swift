import SmeltIR

/// Small graph-editing helpers shared by the passes.
extension Graph {
    /// Whether `tensor` is read by exactly one node, `reader`, and is not a graph output —
    /// so the node producing it may be rewritten to write `reader`'s output instead.
    func onlyFeeds(_ tensor: String, _ reader: Node) -> Bool {
        let readers = consumers(of: tensor)
        return readers.count == 1 && readers[0].name == reader.name && !outputs.contains(tensor)
    }

    /// A tensor name based on `base` that no tensor uses yet (`base`, `base.1`, `base.2`, ...).
    func freshTensorName(_ base: String) -> String {
        guard tensor(base) != nil else { return base }
        var i = 1
        while tensor("\(base).\(i)") != nil { i += 1 }
        return "\(base).\(i)"
    }

    /// Replaces the node called `name` by `replacement` in place.
    mutating func replaceNode(_ name: String, with replacement: Node) {
        if let i = nodes.firstIndex(where: { $0.name == name }) { nodes[i] = replacement }
    }

    /// Removes the node called `name`.
    mutating func removeNode(_ name: String) {
        nodes.removeAll { $0.name == name }
    }

    /// Drops those of `names` that no node reads or writes and that are not graph inputs or outputs.
    /// Other unused tensors are left alone: a pass only cleans up what it orphaned.
    func removingOrphans(_ names: [String]) -> Graph {
        var used = Set(inputs).union(outputs)
        for n in nodes { used.formUnion(n.inputs); used.insert(n.output) }
        let drop = Set(names).subtracting(used)
        guard !drop.isEmpty else { return self }
        return Graph(name: name, tensors: tensors.filter { !drop.contains($0.name) }, nodes: nodes,
                     inputs: inputs, outputs: outputs, metadata: metadata)
    }
}

extension Op {
    /// The same layer with fused activation `a`; `nil` for ops that cannot carry one.
    func withActivation(_ a: Activation) -> Op? {
        switch self {
        case .dense: return .dense(activation: a)
        case .add: return .add(activation: a)
        case .conv2d(var c): c.activation = a; return .conv2d(c)
        case .depthwiseConv2d(var c): c.activation = a; return .depthwiseConv2d(c)
        default: return nil
        }
    }
}
