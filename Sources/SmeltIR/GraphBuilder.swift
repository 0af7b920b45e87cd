/// Declares a model in Swift, layer by layer, tracking shapes as it goes.
///
/// ```swift
/// var b = GraphBuilder(name: "sine", input: [1])
/// var x = b.input
/// x = b.dense(x, units: 16, activation: .relu)
/// x = b.dense(x, units: 1)
/// let g = try b.finish(outputs: [x])          // verified graph
/// ```
///
/// - Values are tensor names (`String`); each layer returns the name of its output tensor, which
///   is also the node's name: auto-generated per kind (`dense1`, `conv1`, `conv2`, `dwconv1`,
///   `bn1`, ...) unless `name:` is given.
/// - Parameters are constant tensors named `<node>.weight`, `<node>.bias` (BatchNorm:
///   `.gamma`, `.beta`, `.mean`, `.variance`).
/// - **Sharing**: `sharing: "pw"` names a parameter group instead. The first layer with that key
///   creates `pw.weight` / `pw.bias`; every later layer with the key reads the *same* tensors
///   (one copy in the graph, in the statistics and in the generated C). Shapes must agree.
/// - **Initialisation**: seeded and deterministic (`SplitMix64`). Weights are He uniform,
///   `U(−√(6/fanIn), √(6/fanIn))`, for layers with a fused ReLU/ReLU6 and Glorot uniform,
///   `U(−√(6/(fanIn+fanOut)), …)`, otherwise; biases 0; BatchNorm gamma 1, beta 0, mean 0,
///   variance 1. Pass `weightValues:` / `biasValues:` (or BatchNorm's `gamma:` …) to set values.
/// - Layer methods never throw: the first problem (shape mismatch, unknown tensor, reused name)
///   is recorded and `finish` throws it, naming the node.
public struct GraphBuilder: Sendable {
    /// The graph built so far (unverified; activation tensors carry their inferred shapes).
    public private(set) var graph: Graph
    /// The first graph input's tensor name.
    public let input: String
    /// The random generator used for weight initialisation.
    public var rng: SplitMix64

    private var counters: [String: Int] = [:]
    private var usedNames: Set<String> = []
    private var firstError: SmeltError?

    /// A builder for a graph `name` with one input of `shape` (no batch axis).
    public init(name: String, input shape: [Int], inputName: String = "input", seed: UInt64 = 0) {
        graph = Graph(name: name)
        input = inputName
        rng = SplitMix64(seed: seed)
        _ = addInput(inputName, shape: shape)
    }

    /// Adds another graph input and returns its name.
    @discardableResult
    public mutating func addInput(_ name: String, shape: [Int], dtype: DType = .float32) -> String {
        claim(name, what: "input")
        graph.setTensor(Tensor(name: name, shape: shape, dtype: dtype))
        graph.inputs.append(name)
        return name
    }

    /// Sets a metadata entry carried into the model file.
    public mutating func setMetadata(_ key: String, _ value: String) { graph.metadata[key] = value }

    /// The shape of a tensor built so far, or `nil` if there is no such tensor.
    public func shape(of tensor: String) -> [Int]? { graph.tensor(tensor)?.shape }

    /// Adds a constant tensor (e.g. a weight to pass to `node`) and returns its name.
    @discardableResult
    public mutating func constant(_ name: String, shape: [Int], values: [Float]) -> String {
        constant(Tensor.constant(name, shape: shape, values: values))
    }

    /// Adds any constant tensor (integer data, quantization parameters) and returns its name.
    @discardableResult
    public mutating func constant(_ tensor: Tensor) -> String {
        claim(tensor.name, what: "tensor")
        if tensor.data?.count != tensor.elementCount {
            record(SmeltError("tensor \"\(tensor.name)\": \(tensor.data?.count ?? 0) values given, shape \(tensor.shape) needs \(tensor.elementCount)"))
        }
        graph.setTensor(tensor)
        return tensor.name
    }

    /// Appends a node of any op reading `inputs` and returns its output tensor (= node name).
    ///
    /// The escape hatch behind every layer method: use it with `constant` for layouts the
    /// helpers do not cover (e.g. different vertical and horizontal strides).
    @discardableResult
    public mutating func node(_ op: Op, inputs: [String], name: String? = nil) -> String {
        let n = name ?? nextName(Self.prefix(op.kind))
        if name != nil { claim(n, what: "node") }
        let node = Node(name: n, op: op, inputs: inputs, output: n)
        var shape: [Int] = [1]
        var dtype = graph.tensor(inputs.first ?? "")?.dtype ?? .float32
        if let missing = inputs.first(where: { graph.tensor($0) == nil }) {
            record(SmeltError.node(n, "input \"\(missing)\" is not defined"))
        } else {
            do {
                (shape, dtype) = try ShapeInference.infer(node: node, inputs: inputs.map { graph.tensor($0)! })
            } catch let e as SmeltError {
                record(e)
            } catch {
                record(SmeltError.node(n, "\(error)"))
            }
        }
        graph.nodes.append(node)
        graph.setTensor(Tensor(name: n, shape: shape, dtype: dtype))
        return n
    }

    /// Finishes the graph with the given outputs and returns it verified.
    public func finish(outputs: [String]) throws -> Graph {
        if let firstError { throw firstError }
        var g = graph
        g.outputs = outputs
        return try g.verified()
    }

    // MARK: - Internals shared with the layer methods

    /// The node name a layer will get (`name` or the next automatic one), reserved.
    mutating func layerName(_ name: String?, _ kind: OpKind) -> String {
        guard let name else { return nextName(Self.prefix(kind)) }
        claim(name, what: "node")
        return name
    }

    /// Appends the node for a layer whose name was already reserved by `layerName`.
    mutating func appendLayer(_ op: Op, inputs: [String], name: String) -> String {
        usedNames.remove(name)
        return node(op, inputs: inputs, name: name)
    }

    /// The parameter tensor `<owner>.<role>`: reused if `sharing` names an existing group,
    /// otherwise created with `values` or `initial()`.
    mutating func parameter(node: String, sharing: String?, role: String, shape: [Int],
                            values: [Float]?, initial: (inout SplitMix64, Int) -> [Float]) -> String {
        let tensorName = "\(sharing ?? node).\(role)"
        let count = shape.reduce(1, *)
        if sharing != nil, let existing = graph.tensor(tensorName) {
            if existing.shape != shape {
                record(SmeltError.node(node, "shared \(role) \"\(tensorName)\" has shape \(existing.shape), this layer needs \(shape)"))
            } else if values != nil {
                record(SmeltError.node(node, "values given for shared \(role) \"\(tensorName)\", which already exists"))
            }
            return tensorName
        }
        let v = values ?? initial(&rng, count)
        if v.count != count {
            record(SmeltError.node(node, "\(v.count) \(role) values given, shape \(shape) needs \(count)"))
        }
        claim(tensorName, what: "tensor")
        graph.setTensor(Tensor.constant(tensorName, shape: shape, values: v))
        return tensorName
    }

    /// Uniform initial values with the He (fused ReLU) or Glorot limit.
    static func uniform(fanIn: Int, fanOut: Int, activation: Activation) -> (inout SplitMix64, Int) -> [Float] {
        let limit = activation == .none ? (6 / Float(fanIn + fanOut)).squareRoot() : (6 / Float(fanIn)).squareRoot()
        return { rng, n in (0..<n).map { _ in rng.nextFloat(limit: limit) } }
    }

    /// `n` copies of `value`.
    static func filled(_ value: Float) -> (inout SplitMix64, Int) -> [Float] {
        { _, n in [Float](repeating: value, count: n) }
    }

    /// Replaces a tensor of the graph under construction.
    mutating func setTensor(_ t: Tensor) { graph.setTensor(t) }

    mutating func record(_ e: SmeltError) {
        if firstError == nil { firstError = e }
    }

    private mutating func claim(_ name: String, what: String) {
        if !usedNames.insert(name).inserted || graph.tensor(name) != nil {
            record(SmeltError("\(what) name \"\(name)\" is already used"))
        }
    }

    private mutating func nextName(_ prefix: String) -> String {
        while true {
            let k = counters[prefix, default: 0] + 1
            counters[prefix] = k
            let n = "\(prefix)\(k)"
            if !usedNames.contains(n) && graph.tensor(n) == nil {
                usedNames.insert(n)
                return n
            }
        }
    }

    /// Prefix of automatic node names per op.
    static func prefix(_ kind: OpKind) -> String {
        switch kind {
        case .dense: return "dense"
        case .conv2d: return "conv"
        case .depthwiseConv2d: return "dwconv"
        case .maxPool2d: return "maxpool"
        case .averagePool2d: return "avgpool"
        case .globalAveragePool: return "gap"
        case .relu: return "relu"
        case .relu6: return "relu6_"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softmax: return "softmax"
        case .reshape: return "reshape"
        case .flatten: return "flatten"
        case .add: return "add"
        case .concatenate: return "concat"
        case .batchNorm: return "bn"
        case .quantize: return "quantize"
        case .dequantize: return "dequantize"
        }
    }
}
