import SmeltIR

/// Building blocks shared by the per-op converters: names, inputs, attributes, layout changes.
extension ONNXConversion {
    mutating func uniqueNodeName(_ base: String) -> String {
        var name = base
        var k = 2
        while nodeNames.contains(name) { name = "\(base)_\(k)"; k += 1 }
        nodeNames.insert(name)
        return name
    }

    func uniqueTensorName(_ base: String) -> String {
        var name = base
        var k = 2
        while graph.tensor(name) != nil || values[name] != nil || constants[name] != nil { name = "\(base)_\(k)"; k += 1 }
        return name
    }

    /// Appends a Smelt node and declares its output tensor with the inferred shape.
    @discardableResult
    mutating func addNode(_ op: Op, inputs: [String], output: String, suffix: String? = nil) throws -> Tensor {
        let name = suffix.map { uniqueNodeName("\(currentName)/\($0)") } ?? currentName
        let node = Node(name: name, op: op, inputs: inputs, output: output)
        let ins = try inputs.map { try graph.requireTensor($0) }
        let (shape, dtype) = try ShapeInference.infer(node: node, inputs: ins)
        let t = Tensor(name: output, shape: shape, dtype: dtype)
        guard graph.tensor(output) == nil else { throw SmeltError("output \"\(output)\" is already defined") }
        graph.setTensor(t)
        graph.nodes.append(node)
        return t
    }

    /// Declares a float constant tensor (a weight in Smelt's layout) and returns its name.
    mutating func addWeight(_ base: String, shape: [Int], values: [Float], quant: QuantParams? = nil) throws -> String {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw SmeltError("weight \"\(base)\": value \(values[i]) at index \(i) is not finite")
        }
        let name = uniqueTensorName(base)
        graph.setTensor(Tensor(name: name, shape: shape, dtype: .float32, data: .float32(values), quant: quant))
        return name
    }

    /// The node's `i`-th input, which must be an activation computed earlier.
    func activation(_ n: ONNXNode, _ i: Int) throws -> ONNXValue {
        guard i < n.inputs.count, !n.inputs[i].isEmpty else { throw SmeltError("missing input \(i)") }
        let name = n.inputs[i]
        if let v = values[name] { return v }
        if pendingQuantize[name] != nil {
            throw SmeltError("input \"\(name)\" is an integer QuantizeLinear output; only QuantizeLinear → DequantizeLinear pairs are supported")
        }
        if constants[name] != nil { throw SmeltError("input \"\(name)\" is a constant; \(n.opType) needs a computed value there") }
        throw SmeltError("input \"\(name)\" is not defined")
    }

    /// The node's `i`-th input as a constant, or `nil` when the input is absent or empty.
    func optionalConstant(_ n: ONNXNode, _ i: Int) throws -> ONNXConstant? {
        guard i < n.inputs.count, !n.inputs[i].isEmpty else { return nil }
        guard let c = constants[n.inputs[i]] else {
            throw SmeltError("input \"\(n.inputs[i])\" must be a constant (initializer) for \(n.opType)")
        }
        return c
    }

    func constant(_ n: ONNXNode, _ i: Int) throws -> ONNXConstant {
        guard let c = try optionalConstant(n, i) else { throw SmeltError("missing input \(i)") }
        return c
    }

    /// The node's only output name.
    func output(_ n: ONNXNode) throws -> String {
        guard let o = n.outputs.first, !o.isEmpty else { throw SmeltError("has no output") }
        return o
    }

    func int(_ n: ONNXNode, _ key: String, _ fallback: Int64) -> Int64 { n.attributes[key]?.int ?? fallback }
    func ints(_ n: ONNXNode, _ key: String) -> [Int]? { n.attributes[key].map { $0.ints.map { Int(clamping: $0) } } }
    func float(_ n: ONNXNode, _ key: String, _ fallback: Float) -> Float { n.attributes[key]?.float ?? fallback }
    func string(_ n: ONNXNode, _ key: String, _ fallback: String) -> String { n.attributes[key]?.string ?? fallback }

    /// Smelt shape of a value's tensor.
    func shape(_ v: ONNXValue) throws -> [Int] { try graph.requireTensor(v.tensor).shape }

    /// The value as `[H, W, C]`: a pooled `[C]` is reshaped to `[1, 1, C]`; a vector is an error.
    mutating func image(_ v: ONNXValue) throws -> ONNXValue {
        switch v.layout {
        case .image: return v
        case .pooled:
            let c = try shape(v)[0]
            let out = uniqueTensorName("\(v.tensor)/nhwc")
            try addNode(.reshape(shape: [1, 1, c]), inputs: [v.tensor], output: out, suffix: "to_image")
            return ONNXValue(tensor: out, layout: .image)
        case .vector:
            throw SmeltError("input \"\(v.tensor)\" is 2-D [N, F]; \(current.opType) needs [N, C, H, W]")
        }
    }

    /// The value with ONNX's element order: a flattened NCHW vector gets an exact permutation
    /// Dense (0/1 weights) appended. Used where no Dense can absorb the order (outputs, Concat).
    mutating func natural(_ v: ONNXValue) throws -> ONNXValue {
        guard let order = v.order else { return v }
        let f = order.count
        guard f <= 4096 else {
            throw SmeltError("value \"\(v.tensor)\" is an NCHW flatten of \(f) elements that no Dense reads; reordering it needs a \(f)×\(f) permutation")
        }
        var w = [Float](repeating: 0, count: f * f)
        for (i, o) in order.enumerated() { w[o * f + i] = 1 }
        let weight = try addWeight("\(v.tensor)/nchw_order/weight", shape: [f, f], values: w)
        let out = uniqueTensorName("\(v.tensor)/nchw_order")
        try addNode(.dense(activation: .none), inputs: [v.tensor, weight], output: out, suffix: "nchw_order")
        return ONNXValue(tensor: out, layout: .vector)
    }

    /// Smelt element order of a Flatten of an `[H, W, C]` tensor, in ONNX (CHW) indices;
    /// `nil` when the orders agree (H·W = 1 or C = 1). Example: H = 1, W = 2, C = 2 →
    /// Smelt holds (w0,c0) (w0,c1) (w1,c0) (w1,c1) = ONNX indices [0, 2, 1, 3].
    static func flattenOrder(h: Int, w: Int, c: Int) -> [Int]? {
        guard h * w > 1, c > 1 else { return nil }
        var order = [Int](repeating: 0, count: h * w * c)
        for y in 0..<h { for x in 0..<w { for ch in 0..<c { order[(y * w + x) * c + ch] = ch * h * w + y * w + x } } }
        return order
    }

    /// Product of dimensions, or an error when it exceeds 2^31 (a corrupt or hostile file).
    static func product(_ dims: [Int]) throws -> Int {
        var p = 1
        for d in dims {
            let (q, overflow) = p.multipliedReportingOverflow(by: d)
            guard !overflow, q <= Int(Int32.max) else { throw SmeltError("shape \(dims) is too large") }
            p = q
        }
        return p
    }

    /// Applies a vector order to per-feature parameters (`p[order[i]]`).
    static func permute(_ p: [Float], _ order: [Int]?) -> [Float] {
        guard let order else { return p }
        return order.map { p[$0] }
    }
}
