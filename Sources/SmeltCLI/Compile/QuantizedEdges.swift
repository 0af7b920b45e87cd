import SmeltIR

/// Already-quantized models (TFLite int8, quantized ONNX, quantized Smelt JSON) as the C generator
/// takes them: integer input and output, no float edges.
public enum QuantizedEdges {
    /// Removes a float graph input's single `Quantize` consumer (the quantized tensor becomes the
    /// input) and a graph output's `Dequantize` producer (its quantized input becomes the output).
    /// Graphs without such edges are returned unchanged.
    public static func strip(_ graph: Graph) throws -> Graph {
        var g = graph
        for (k, name) in g.inputs.enumerated() {
            guard let t = g.tensor(name), t.dtype == .float32 else { continue }
            let readers = g.consumers(of: name)
            guard readers.count == 1, case .quantize = readers[0].op, !g.outputs.contains(name) else { continue }
            g.inputs[k] = readers[0].output
            g.nodes.removeAll { $0.name == readers[0].name }
        }
        for (k, name) in g.outputs.enumerated() {
            guard let node = g.producer(of: name), case .dequantize = node.op,
                  g.consumers(of: name).isEmpty, !g.inputs.contains(node.inputs[0]) else { continue }
            g.outputs[k] = node.inputs[0]
            g.nodes.removeAll { $0.name == node.name }
        }
        if g.nodes.count == graph.nodes.count { return graph }
        g.removeUnusedTensors()
        return try g.verified()
    }

    /// True when every activation (graph inputs and node outputs) is a quantized int8/int16 tensor,
    /// false when every one is float. A mix is an error naming the first tensor that differs.
    public static func isQuantized(_ graph: Graph, path: String) throws -> Bool {
        let activations = graph.inputs + graph.nodes.map(\.output)
        let quantized = activations.filter { name in
            guard let t = graph.tensor(name) else { return false }
            return t.quant != nil && (t.dtype == .int8 || t.dtype == .int16)
        }
        if quantized.isEmpty { return false }
        if quantized.count == activations.count { return true }
        let odd = activations.first { !quantized.contains($0) }!
        throw SmeltError("\(path): tensor \"\(odd)\" is float in a quantized model (only float Quantize/Dequantize edges are supported)")
    }
}
