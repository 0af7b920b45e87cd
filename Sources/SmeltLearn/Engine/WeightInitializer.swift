import SmeltIR

/// Fresh random weights for a float graph, for training from scratch.
public enum WeightInitializer {
    /// He-normal initialisation (He et al. 2015): every Dense, Conv2D and DepthwiseConv2D weight is
    /// drawn from N(0, 2 / fanIn) (fanIn = `in` for Dense, `kH·kW·Cin` for Conv2D, `kH·kW` for
    /// DepthwiseConv2D) and its bias set to 0. A weight shared by several layers is drawn once.
    /// BatchNorm parameters and other constants are left as they are. Deterministic in `seed`
    /// (tensors are drawn in node order).
    public static func heNormal(_ graph: Graph, seed: UInt64) throws -> Graph {
        var g = try graph.verified()
        var rng = SeededGenerator(seed: seed)
        var done: Set<String> = []
        for node in g.nodes {
            let fanIn: Int
            let w = try g.requireTensor(node.inputs.count > 1 ? node.inputs[1] : node.inputs[0])
            switch node.op {
            case .dense: fanIn = w.shape[1]
            case .conv2d: fanIn = w.shape[1] * w.shape[2] * w.shape[3]
            case .depthwiseConv2d: fanIn = w.shape[1] * w.shape[2]
            default: continue
            }
            if done.insert(w.name).inserted {
                let sd = (2 / Double(fanIn)).squareRoot()
                var t = w
                t.data = .float32((0..<w.elementCount).map { _ in Float(rng.normal() * sd) })
                g.setTensor(t)
            }
            if node.inputs.count > 2, done.insert(node.inputs[2]).inserted {
                var b = try g.requireTensor(node.inputs[2])
                b.data = .float32([Float](repeating: 0, count: b.elementCount))
                g.setTensor(b)
            }
        }
        return g
    }
}
