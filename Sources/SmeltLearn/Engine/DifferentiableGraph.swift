import SmeltIR

/// A float graph prepared for training: forward and backward passes in `Double` over every
/// node, with the constants held as `Double` values that an optimizer may change.
///
/// Gradients flow backwards through the nodes in reverse order; a tensor read by several nodes
/// (a shared kernel, a residual branch) receives the **sum** of its readers' gradients.
///
/// ```swift
/// var dg = try DifferentiableGraph(graph: g)
/// let all = try dg.forward(inputs: ["x": [0.5]])                       // every tensor's value
/// let grads = try dg.gradients(inputs: ["x": [0.5]], seeds: ["y": [1]], // ∂L/∂y = 1
///                              withRespectTo: ["fc.weight"])
/// ```
public struct DifferentiableGraph: Sendable {
    /// The verified graph (activation shapes filled in); its constants are the *initial* values.
    public let graph: Graph

    struct Step: Sendable {
        let node: Node
        let op: any GradientOp
        let inputs: [Int]
        let output: Int
    }

    let slotOf: [String: Int]
    let names: [String]
    let steps: [Step]
    /// Current values by slot: constants filled, activations empty.
    var values: [[Double]]

    /// Verifies `graph` and prepares it for training. Every tensor must be `float32`.
    public init(graph: Graph) throws {
        let g = try graph.verified()
        self.graph = g
        var slotOf: [String: Int] = [:]
        var names: [String] = []
        var values: [[Double]] = []
        for t in g.tensors {
            guard t.dtype == .float32 else {
                throw SmeltError("tensor \"\(t.name)\" is \(t.dtype.rawValue); training needs a float32 graph")
            }
            slotOf[t.name] = names.count
            names.append(t.name)
            values.append(t.data?.floats.map { $0.map(Double.init) } ?? [])
        }
        self.slotOf = slotOf
        self.names = names
        self.values = values
        self.steps = try g.nodes.map { node in
            Step(node: node, op: try makeGradientOp(node, in: g),
                 inputs: node.inputs.map { slotOf[$0]! }, output: slotOf[node.output]!)
        }
    }

    /// The current value of a constant (or `nil` for an activation or an unknown name).
    public func value(of tensor: String) -> [Double]? {
        guard let s = slotOf[tensor], graph.tensor(tensor)?.isConstant == true else { return nil }
        return values[s]
    }

    /// Replaces the value of a constant; the count must match its shape.
    public mutating func setValue(_ v: [Double], of tensor: String) throws {
        guard let t = graph.tensor(tensor), t.isConstant, let s = slotOf[tensor] else {
            throw SmeltError("tensor \"\(tensor)\" is not a constant of graph \"\(graph.name)\"")
        }
        guard v.count == t.elementCount else {
            throw SmeltError("tensor \"\(tensor)\": expected \(t.elementCount) values for shape \(t.shape), got \(v.count)")
        }
        values[s] = v
    }

    /// The graph with every constant's current value written back as float32.
    public var updatedGraph: Graph {
        var g = graph
        for t in graph.tensors where t.isConstant {
            var u = t
            u.data = .float32(values[slotOf[t.name]!].map { Float($0) })
            g.setTensor(u)
        }
        return g
    }

    /// Runs the graph and returns every tensor's value by name.
    public func forward(inputs: [String: [Double]]) throws -> [String: [Double]] {
        let v = forwardSlots(try inputSlots(inputs), through: steps.count)
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, v[$0]) })
    }

    /// Gradients of a scalar loss `L` with respect to the named tensors (constants or graph
    /// inputs), given `seeds`: `∂L/∂t` for the tensors the loss reads (usually the output).
    public func gradients(inputs: [String: [Double]], seeds: [String: [Double]],
                          withRespectTo wrt: Set<String>) throws -> [String: [Double]] {
        for name in wrt.union(seeds.keys) where slotOf[name] == nil {
            throw SmeltError("unknown tensor \"\(name)\" in graph \"\(graph.name)\"")
        }
        let acts = forwardSlots(try inputSlots(inputs), through: steps.count)
        var seedSlots: [Int: [Double]] = [:]
        for (k, v) in seeds { seedSlots[slotOf[k]!] = v }
        let requires = requiresGradient(Set(wrt.map { slotOf[$0]! }))
        let grads = backwardSlots(acts, seeds: seedSlots, requires: requires, through: steps.count)
        var out: [String: [Double]] = [:]
        for name in wrt { out[name] = grads[slotOf[name]!] ?? [Double](repeating: 0, count: acts[slotOf[name]!].count) }
        return out
    }

    // MARK: slot-level passes used by the trainer

    func inputSlots(_ inputs: [String: [Double]]) throws -> [Int: [Double]] {
        var out: [Int: [Double]] = [:]
        for name in graph.inputs {
            guard let v = inputs[name] else { throw SmeltError("graph input \"\(name)\" was not given") }
            let t = try graph.requireTensor(name)
            guard v.count == t.elementCount else {
                throw SmeltError("input \"\(name)\": expected \(t.elementCount) values for shape \(t.shape), got \(v.count)")
            }
            out[slotOf[name]!] = v
        }
        return out
    }

    /// Values of every slot after running the first `count` steps.
    func forwardSlots(_ inputs: [Int: [Double]], through count: Int) -> [[Double]] {
        var v = values
        for (s, x) in inputs { v[s] = x }
        for step in steps.prefix(count) { v[step.output] = step.op.forward(step.inputs.map { v[$0] }) }
        return v
    }

    /// Which slots need a gradient: the `wrt` slots and every node output downstream of one.
    func requiresGradient(_ wrt: Set<Int>) -> [Bool] {
        var r = [Bool](repeating: false, count: names.count)
        for s in wrt { r[s] = true }
        for step in steps where step.inputs.contains(where: { r[$0] }) { r[step.output] = true }
        return r
    }

    /// Backward over the first `count` steps from `seeds`; the gradient of every slot that
    /// requires one and is reached (`nil` elsewhere). Several readers' gradients are summed.
    func backwardSlots(_ acts: [[Double]], seeds: [Int: [Double]], requires: [Bool], through count: Int) -> [[Double]?] {
        var grads = [[Double]?](repeating: nil, count: names.count)
        for (s, g) in seeds { grads[s] = g }
        for step in steps.prefix(count).reversed() {
            guard requires[step.output], let dy = grads[step.output] else { continue }
            let wanted = step.inputs.map { requires[$0] }
            guard wanted.contains(true) else { continue }
            let dx = step.op.backward(step.inputs.map { acts[$0] }, output: acts[step.output], gradient: dy, wanted: wanted)
            for (k, s) in step.inputs.enumerated() where wanted[k] {
                guard let d = dx[k] else { continue }
                if var acc = grads[s] {
                    for i in acc.indices { acc[i] += d[i] }
                    grads[s] = acc
                } else {
                    grads[s] = d
                }
            }
        }
        return grads
    }
}
