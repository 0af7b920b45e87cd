import SmeltIR

/// Runs a float graph one sample at a time: the float reference every other back end is compared to.
///
/// Shapes have no batch axis; an `[H, W, C]` tensor is a flat row-major `[Float]` (NHWC without N).
/// Every activation must be `float32`, except the integer output of a `Quantize` node or an integer
/// tensor read only by `Dequantize` nodes: those hold integer values stored as `Float`.
///
/// ```swift
/// let interpreter = try FloatInterpreter(graph: graph)
/// let probabilities = try interpreter.run(pixels)          // one input, one output
/// let everything = try interpreter.runAll(inputs: ["x": pixels])  // every tensor, for diffs
/// ```
public struct FloatInterpreter: Sendable {
    /// The verified graph being run (activation shapes filled in).
    public let graph: Graph

    private let slotOf: [String: Int]
    private let names: [String]
    private let initial: [[Float]]
    private let steps: [FloatStep]

    /// Verifies `graph` and prepares it to run.
    ///
    /// Throws a `SmeltError` if verification fails, if an activation is not `float32` (outside the
    /// Quantize/Dequantize edges), if a constant holds non-float data, or if a Quantize/Dequantize
    /// edge tensor has no quantization parameters.
    public init(graph: Graph) throws {
        let g = try graph.verified()
        self.graph = g
        var slotOf: [String: Int] = [:]
        var names: [String] = []
        var initial: [[Float]] = []
        for t in g.tensors {
            slotOf[t.name] = names.count
            names.append(t.name)
            initial.append(try Self.constantValues(t))
        }
        self.slotOf = slotOf
        self.names = names
        self.initial = initial
        self.steps = try g.nodes.map { node in
            FloatStep(node: node,
                      inputSlots: node.inputs.map { slotOf[$0]! },
                      inputShapes: try node.inputs.map { try g.requireTensor($0).shape },
                      outputSlot: slotOf[node.output]!,
                      output: try g.requireTensor(node.output),
                      inputQuant: try node.inputs.first.flatMap { try g.requireTensor($0).quant })
        }
        for step in steps { try step.check(graph: g) }
    }

    /// Runs a graph with exactly one input and one output.
    public func run(_ input: [Float]) throws -> [Float] {
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw SmeltError("graph \"\(graph.name)\" has \(graph.inputs.count) inputs and \(graph.outputs.count) outputs; use run(inputs:) for more than one")
        }
        let values = try execute([graph.inputs[0]: input])
        return values[slotOf[graph.outputs[0]]!]
    }

    /// Runs the graph on named inputs (every graph input must be given) and returns its outputs by name.
    public func run(inputs: [String: [Float]]) throws -> [String: [Float]] {
        let values = try execute(inputs)
        var out: [String: [Float]] = [:]
        for o in graph.outputs { out[o] = values[slotOf[o]!] }
        return out
    }

    /// Runs the graph and returns the value of every tensor — inputs, constants and every node's
    /// output — by name, for layer-by-layer comparison.
    public func runAll(inputs: [String: [Float]]) throws -> [String: [Float]] {
        let values = try execute(inputs)
        var out: [String: [Float]] = [:]
        for (i, name) in names.enumerated() { out[name] = values[i] }
        return out
    }

    private func execute(_ inputs: [String: [Float]]) throws -> [[Float]] {
        if let extra = inputs.keys.sorted().first(where: { !graph.inputs.contains($0) }) {
            throw SmeltError("\"\(extra)\" is not an input of graph \"\(graph.name)\" (inputs: \(graph.inputs.joined(separator: ", ")))")
        }
        var values = initial
        for name in graph.inputs {
            guard let v = inputs[name] else { throw SmeltError("graph input \"\(name)\" was not given") }
            let t = try graph.requireTensor(name)
            guard v.count == t.elementCount else {
                throw SmeltError("input \"\(name)\": expected \(t.elementCount) values for shape \(t.shape), got \(v.count)")
            }
            values[slotOf[name]!] = v
        }
        for step in steps { values[step.outputSlot] = step.run(values) }
        return values
    }

    private static func constantValues(_ t: Tensor) throws -> [Float] {
        guard let data = t.data else { return [] }
        guard let f = data.floats else {
            throw SmeltError("tensor \"\(t.name)\": constant is \(data.dtype.rawValue); the float interpreter needs float32 weights (use the integer interpreter for quantized graphs)")
        }
        return f
    }
}
