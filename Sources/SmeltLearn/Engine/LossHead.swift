import SmeltIR

/// Where the loss attaches to a graph: the tensor it reads and how many nodes must run to get it.
///
/// For softmax cross-entropy on a graph whose output is written by a Softmax node, the loss reads
/// the Softmax's input (the logits) and the Softmax node is not run while training; otherwise the
/// loss reads the graph output.
struct LossHead: Sendable {
    let slot: Int
    let stepCount: Int
    let width: Int

    init(_ net: DifferentiableGraph, loss: Loss) throws {
        let g = net.graph
        guard g.inputs.count == 1, g.outputs.count == 1 else {
            throw SmeltError("graph \"\(g.name)\" has \(g.inputs.count) inputs and \(g.outputs.count) outputs; training needs exactly one of each")
        }
        let output = g.outputs[0]
        guard let index = g.nodes.firstIndex(where: { $0.output == output }) else {
            throw SmeltError("graph \"\(g.name)\": output \"\(output)\" is not written by any node")
        }
        let node = g.nodes[index]
        if loss == .softmaxCrossEntropy, node.op == .softmax {
            slot = net.slotOf[node.inputs[0]]!
            stepCount = index
        } else {
            slot = net.slotOf[output]!
            stepCount = index + 1
        }
        width = try g.requireTensor(g.outputs[0]).elementCount
        if loss == .softmaxCrossEntropy, try g.requireTensor(g.outputs[0]).shape.count != 1 {
            throw SmeltError("graph \"\(g.name)\": softmax cross-entropy needs a 1-D output, \"\(output)\" has shape \(try g.requireTensor(output).shape)")
        }
    }
}
