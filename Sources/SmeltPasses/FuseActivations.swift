import SmeltIR

/// Fuses each standalone ReLU/ReLU6 into the Dense, Conv2D, DepthwiseConv2D or Add that produces
/// its input, when that producer has no fused activation yet and its output is read by nothing else.
///
/// The producer takes the activation (`.relu` / `.relu6`) and writes the activation node's output
/// tensor, so the activation's consumers and any graph output naming it are rewired without
/// renaming anything; the standalone node and the intermediate tensor are removed.
///
/// Example: `conv → t → ReLU6 → y` becomes `conv(activation: .relu6) → y`.
/// Left alone: an activation after any other op (pool, reshape, ...), after a producer that already
/// carries an activation, or whose input is also read elsewhere or is a graph output.
public func fuseActivations(_ graph: Graph) throws -> Graph {
    var g = try graph.verified()
    let activations = g.nodes.filter { $0.op.kind == .relu || $0.op.kind == .relu6 }.map(\.name)
    for name in activations {
        guard let act = g.node(name),
              let producer = g.producer(of: act.inputs[0]),
              producer.op.fusedActivation == Activation.none,
              g.onlyFeeds(act.inputs[0], act),
              let fused = producer.op.withActivation(act.op.kind == .relu ? .relu : .relu6)
        else { continue }
        g.replaceNode(producer.name, with: Node(name: producer.name, op: fused, inputs: producer.inputs, output: act.output))
        g.removeNode(act.name)
        g = g.removingOrphans([act.inputs[0]])
    }
    return try g.verified()
}
