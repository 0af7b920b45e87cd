/// Shape and dtype inference plus structural checks.
///
/// `verified()` returns the graph with every activation tensor's shape and dtype filled in,
/// or throws a `SmeltError` naming the node and the mismatch, e.g.
/// `node "conv2": input has 8 channels, weight expects 16`.
extension Graph {
    public func verified() throws -> Graph {
        var g = self
        guard !inputs.isEmpty else { throw SmeltError("graph \"\(name)\" has no inputs") }
        guard !outputs.isEmpty else { throw SmeltError("graph \"\(name)\" has no outputs") }
        var defined = Set<String>()
        for t in tensors {
            for d in t.shape where d <= 0 && !(t.data == nil && !inputs.contains(t.name)) {
                throw SmeltError("tensor \"\(t.name)\": dimension \(d) in shape \(t.shape) must be positive")
            }
            if let data = t.data {
                guard data.count == t.elementCount else {
                    throw SmeltError("tensor \"\(t.name)\": data has \(data.count) values, shape \(t.shape) needs \(t.elementCount)")
                }
                guard data.dtype == t.dtype else {
                    throw SmeltError("tensor \"\(t.name)\": data is \(data.dtype.rawValue), tensor is \(t.dtype.rawValue)")
                }
                if let f = data.floats, let i = f.firstIndex(where: { !$0.isFinite }) {
                    throw SmeltError("tensor \"\(t.name)\": value \(f[i]) at index \(i) is not finite")
                }
                defined.insert(t.name)
            }
            if let q = t.quant {
                let count = q.axis.map { ax in ax >= 0 && ax < t.shape.count ? t.shape[ax] : -1 } ?? 1
                guard q.scales.count == count, q.zeroPoints.count == count else {
                    throw SmeltError("tensor \"\(t.name)\": \(q.scales.count) scales and \(q.zeroPoints.count) zero points, expected \(count)")
                }
                if let bad = q.scales.first(where: { !($0.isFinite && $0 > 0) }) {
                    throw SmeltError("tensor \"\(t.name)\": quantization scale \(bad) must be positive and finite")
                }
            }
        }
        for i in inputs {
            guard let t = g.tensor(i) else { throw SmeltError("graph input \"\(i)\" is not declared as a tensor") }
            guard !t.shape.isEmpty, t.shape.allSatisfy({ $0 > 0 }) else {
                throw SmeltError("graph input \"\(i)\": shape \(t.shape) must have positive dimensions")
            }
            defined.insert(i)
        }
        var nodeNames = Set<String>()
        for node in nodes {
            guard nodeNames.insert(node.name).inserted else {
                throw SmeltError.node(node.name, "duplicate node name")
            }
            for input in node.inputs where !defined.contains(input) {
                if g.tensor(input) == nil && !nodes.contains(where: { $0.output == input }) {
                    throw SmeltError.node(node.name, "input \"\(input)\" is not defined")
                }
                throw SmeltError.node(node.name, "input \"\(input)\" is used before it is computed")
            }
            guard !defined.contains(node.output) else {
                throw SmeltError.node(node.name, "output \"\(node.output)\" is already defined")
            }
            let ins = try node.inputs.map { try g.requireTensor($0) }
            let (shape, dtype) = try ShapeInference.infer(node: node, inputs: ins)
            var out = g.tensor(node.output) ?? Tensor(name: node.output, shape: shape, dtype: dtype)
            if out.data != nil { throw SmeltError.node(node.name, "output \"\(node.output)\" is a constant") }
            if let declared = g.tensor(node.output), declared.dtype != dtype, node.op.kind != .quantize, node.op.kind != .dequantize {
                // Quantized graphs declare integer outputs for float-typed inference; keep the declared dtype.
                out.dtype = declared.dtype
            } else if node.op.kind == .quantize, let declared = g.tensor(node.output), declared.dtype.isInteger {
                // Quantize may target any integer type (int16 for the 16x8 scheme); keep the declared one.
                out.dtype = declared.dtype
            } else {
                out.dtype = dtype
            }
            out.shape = shape
            g.setTensor(out)
            defined.insert(node.output)
        }
        for o in outputs where !defined.contains(o) {
            throw SmeltError("graph output \"\(o)\" is not computed by any node")
        }
        return g
    }
}
