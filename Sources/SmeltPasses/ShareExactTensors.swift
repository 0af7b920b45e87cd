import SmeltIR

/// Ties byte-identical constant tensors: every constant with the same dtype, shape, data and
/// quantization parameters as an earlier one is replaced, in every node that reads it, by that
/// earlier tensor (the first in declaration order keeps its name); the duplicates are removed.
///
/// Nothing numeric changes, so outputs are bit-identical. Example: `a.weight` and `b.weight`
/// both `[[1, 2]]` → node `b` reads `a.weight`, `b.weight` is gone, `sharedTensors` lists `a.weight`.
public func shareExactTensors(_ graph: Graph) throws -> Graph {
    var g = try graph.verified()
    var firstByContent: [String: [Tensor]] = [:]
    var replacement: [String: String] = [:]
    for t in g.tensors where t.isConstant {
        let key = "\(t.dtype.rawValue)|\(t.shape)|\(t.data?.count ?? 0)"
        if let same = firstByContent[key]?.first(where: { $0.data == t.data && $0.quant == t.quant }) {
            replacement[t.name] = same.name
        } else {
            firstByContent[key, default: []].append(t)
        }
    }
    guard !replacement.isEmpty else { return g }
    for i in g.nodes.indices {
        g.nodes[i].inputs = g.nodes[i].inputs.map { replacement[$0] ?? $0 }
    }
    return try g.removingOrphans(Array(replacement.keys)).verified()
}
