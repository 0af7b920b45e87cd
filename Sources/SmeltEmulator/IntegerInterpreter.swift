import SmeltIR
import SmeltQuant

/// Runs a quantized graph in integers exactly as docs/contracts.md defines it: this is the
/// definition the generated C must match byte for byte.
///
/// Values travel as `[Int32]` holding int8 or int16 numbers (flat, row-major, no batch axis).
/// Every per-layer number — multipliers, shifts, zero points, clamps, tables — comes from
/// `Requantization.forNode` and `LookupTables`, the same public functions the C emitter calls.
///
/// ```swift
/// let q = try Quantizer.quantize(graph: g, calibration: cal, scheme: .int8)
/// let ints = try IntegerInterpreter(graph: q).run(q.quantizeInput(x))
/// let y = try q.dequantizeOutput(ints)
/// ```
public struct IntegerInterpreter: Sendable {
    /// The verified quantized graph.
    public let graph: Graph
    private let layers: [IntegerLayer]

    /// Verifies `graph` and precomputes every layer's requantization and tables. Throws a
    /// `SmeltError` naming the node or tensor when the graph is not a quantized graph.
    public init(graph: Graph) throws {
        let g = try graph.verified()
        for name in g.inputs + g.outputs {
            let t = try g.requireTensor(name)
            guard t.quant != nil, t.dtype == .int8 || t.dtype == .int16 else {
                throw SmeltError("tensor \"\(name)\" is \(t.dtype.rawValue) without int8/int16 quantization; run the quantizer first")
            }
        }
        self.graph = g
        self.layers = try g.nodes.map { try IntegerLayer(node: $0, graph: g) }
    }

    /// Runs a graph with one input and one output on integer input values.
    public func run(_ input: [Int32]) throws -> [Int32] {
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw SmeltError("graph \"\(graph.name)\" has \(graph.inputs.count) inputs and \(graph.outputs.count) outputs; use runAll(inputs:)")
        }
        return try runAll(inputs: [graph.inputs[0]: input])[graph.outputs[0]]!
    }

    /// Runs the graph and returns every activation (graph inputs and every node's output) by name.
    /// Throws if an input is missing, unknown, of the wrong length or outside its dtype's range.
    public func runAll(inputs: [String: [Int32]]) throws -> [String: [Int32]] {
        if let extra = inputs.keys.sorted().first(where: { !graph.inputs.contains($0) }) {
            throw SmeltError("\"\(extra)\" is not an input of graph \"\(graph.name)\"")
        }
        var values: [String: [Int32]] = [:]
        for name in graph.inputs {
            let t = try graph.requireTensor(name)
            guard let v = inputs[name] else { throw SmeltError("graph input \"\(name)\" was not given") }
            guard v.count == t.elementCount else {
                throw SmeltError("graph input \"\(name)\" needs \(t.elementCount) values, got \(v.count)")
            }
            let range = t.dtype.integerRange!
            if let i = v.firstIndex(where: { !range.contains(Int64($0)) }) {
                throw SmeltError("graph input \"\(name)\": value \(v[i]) at index \(i) is outside \(t.dtype.rawValue)")
            }
            values[name] = v
        }
        for layer in layers {
            let ins = try layer.node.inputs.prefix(layer.valueInputCount).map { name -> [Int32] in
                if let v = values[name] { return v }
                if let c = layer.constants[name] { return c }
                if name == layer.biasName { return [] }   // read as Int64 from `layer.bias`
                throw SmeltError.node(layer.node.name, "input \"\(name)\" has no value")
            }
            values[layer.node.output] = layer.run(ins)
        }
        return values
    }
}
