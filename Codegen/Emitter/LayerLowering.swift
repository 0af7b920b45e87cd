import SmeltIR
import SmeltQuant

/// The kernel family variant a quantized layer runs: int8 (TFLite scheme), int16 activations
/// ("16x8") or int8 power-of-two (shift-only requantization).
enum KernelVariant: String {
    case s8, s16, pow2
}

/// What one layer contributes to the generated source.
struct LoweredLayer {
    /// Kernel files (in Codegen/Kernels) the layer calls.
    var kernelFiles: [String] = []
    /// Kernel function names, for the report.
    var kernels: [String] = []
    /// Statements inside `NAME_invoke`, without indentation.
    var statements: [String] = []
    var macs = 0
}

/// State shared while lowering the nodes of one graph to C.
struct LoweringContext {
    let graph: Graph
    /// Model identifier, prefix of every generated symbol.
    let prefix: String
    let plan: ArenaPlan
    var pool = ConstantPool()
    /// Static params struct definitions, in layer order.
    var paramDefinitions: [String] = []
    /// Estimated bytes of the params structs (4 bytes per field or pointer).
    var paramBytes = 0
    /// Bytes of lookup and exponent tables.
    var tableBytes = 0
    /// Every params struct's fields by struct name (`in_h`, `q.multiplier`, ...), for `Specializer`.
    var paramFields: [String: [String: String]] = [:]
    /// Estimated bytes of each params struct, by name.
    var paramStructBytes: [String: Int] = [:]
    /// Name of the C array each constant tensor was emitted as.
    private var constantArrays: [String: String] = [:]

    init(graph: Graph, prefix: String, plan: ArenaPlan) {
        self.graph = graph
        self.prefix = prefix
        self.plan = plan
    }

    func fail(_ node: Node, _ what: String) -> SmeltError { SmeltError.node(node.name, what) }

    /// The C expression for the storage of activation `tensor`, typed for its dtype.
    func pointer(_ tensor: String) throws -> String {
        let root = plan.root(of: tensor)
        let t = try graph.requireTensor(tensor)
        let type = CSyntax.type(t.dtype)
        if let i = graph.inputs.firstIndex(of: root) {
            let name = graph.inputs.count == 1 ? "input" : "inputs[\(i)]"
            return t.dtype == .int8 ? name : "(const \(type) *)\(name)"
        }
        if graph.outputs.contains(root) { return t.dtype == .int8 ? "output" : "(\(type) *)output" }
        guard let offset = plan.offsets[root] else { throw SmeltError("tensor \"\(tensor)\" has no arena slot") }
        let base = "\(prefix)_arena.bytes + \(offset)"
        return t.dtype == .int8 ? "(\(base))" : "(\(type) *)(void *)(\(base))"
    }

    /// The const array holding constant tensor `name` (emitted on first use, shared afterwards).
    mutating func constant(_ name: String, node: Node) throws -> String {
        if let a = constantArrays[name] { return a }
        let t = try graph.requireTensor(name)
        guard let values = t.data?.integers else {
            throw fail(node, "constant \"\(name)\" is \(t.dtype.rawValue); the C generator needs an integer (quantized) graph")
        }
        let a = pool.array("\(prefix)_\(CSyntax.identifier(name))", values, dtype: t.dtype,
                           comment: "tensor \"\(name)\" \(t.shape) \(t.dtype.rawValue)", isWeight: true)
        constantArrays[name] = a
        return a
    }

    /// An int32 parameter array (multipliers, shifts, tables), shared when contents repeat.
    mutating func int32Array(_ name: String, _ values: [Int32], isTable: Bool = false) -> String {
        if isTable { tableBytes += values.count * 4 }
        return pool.array("\(prefix)_\(name)", values.map(Int64.init), dtype: .int32, comment: name.replacingOccurrences(of: "_", with: " "))
    }

    /// Emits `static const TYPE NAME_lI_SUFFIX = { fields };` and returns its name.
    mutating func params(_ type: String, layer: Int, suffix: String = "params", fields: [(String, String)], nested: [(String, [(String, String)])] = []) -> String {
        let name = pool.reserve("\(prefix)_l\(layer)_\(suffix)")
        var parts = fields.map { "    .\($0.0) = \($0.1)" }
        for (field, inner) in nested {
            parts.append("    .\(field) = { " + inner.map { ".\($0.0) = \($0.1)" }.joined(separator: ", ") + " }")
        }
        let bytes = 4 * (fields.count + nested.reduce(0) { $0 + $1.1.count })
        paramBytes += bytes
        paramStructBytes[name] = bytes
        var all: [String: String] = [:]
        for (k, v) in fields { all[k] = v }
        for (field, inner) in nested { for (k, v) in inner { all["\(field).\(k)"] = v } }
        paramFields[name] = all
        paramDefinitions.append("static const \(type) \(name) = {\n" + parts.joined(separator: ",\n") + "\n};")
        return name
    }

    /// Quantization parameters of an activation tensor, or an error naming the node.
    func quant(_ tensor: String, node: Node) throws -> (Tensor, QuantParams) {
        let t = try graph.requireTensor(tensor)
        guard t.dtype == .int8 || t.dtype == .int16 else {
            throw fail(node, "tensor \"\(tensor)\" is \(t.dtype.rawValue); the C generator supports int8 and int16 activations")
        }
        guard let q = t.quant else { throw fail(node, "tensor \"\(tensor)\" has no quantization parameters") }
        return (t, q)
    }

    /// The variant of the layer from its output's scheme (`Scheme.of`: int16 → s16,
    /// int8 with fractional bits → pow2, other int8 → s8).
    func variant(of node: Node) throws -> KernelVariant {
        _ = try quant(node.output, node: node)
        switch try Scheme.of(graph.requireTensor(node.output)) {
        case .int8: return .s8
        case .int16: return .s16
        case .pow2: return .pow2
        }
    }

    /// The layer's integer parameters, computed by SmeltQuant exactly as the emulator uses them.
    func requantization(_ node: Node) throws -> Requantization {
        do {
            return try Requantization.forNode(node, in: graph)
        } catch let e as SmeltError {
            throw e.message.hasPrefix("node \"") ? e : fail(node, e.message)
        }
    }

    /// Lowers one node (index `layer` in execution order).
    mutating func lower(_ node: Node, layer: Int) throws -> LoweredLayer {
        if node.semantics == .tflm { return try lowerTFLite(node, layer: layer) }
        switch node.op {
        case .dense, .conv2d, .depthwiseConv2d: return try lowerConvolution(node, layer: layer)
        case .maxPool2d, .averagePool2d, .globalAveragePool: return try lowerPool(node, layer: layer)
        case .relu, .relu6, .reshape, .flatten: return try lowerClampOrCopy(node, layer: layer)
        case .add: return try lowerAdd(node, layer: layer)
        case .concatenate: return try lowerConcatenate(node, layer: layer)
        case .sigmoid, .tanh, .softmax: return try lowerTable(node, layer: layer)
        case .batchNorm, .quantize, .dequantize:
            throw fail(node, "\(node.op.kind.rawValue) cannot be generated as integer C (fold or remove it before compiling)")
        }
    }
}
