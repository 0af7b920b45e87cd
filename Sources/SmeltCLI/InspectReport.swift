import Foundation
import SmeltIR

/// What `smelt inspect` reports about a model; printed as a table or encoded as JSON.
///
/// Figures come from `GraphStatistics`: totals count a tensor shared by several layers once,
/// so for the sine model 1→16→16→1 `totals.parameters` is 16+16 + 256+16 + 16+1 = 321.
public struct InspectReport: Codable, Sendable, Equatable {
    /// A graph input or output.
    public struct Port: Codable, Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var dtype: String
    }

    /// One row of the layer table.
    public struct Layer: Codable, Sendable, Equatable {
        public var node: String
        public var op: String
        /// Fused activation (`relu`, `relu6`), absent when none.
        public var activation: String?
        public var outputShape: [Int]
        public var parameters: Int
        public var buffers: Int
        public var macs: Int
        public var activationBytes: Int
    }

    /// A constant read by more than one node.
    public struct SharedTensor: Codable, Sendable, Equatable {
        public var tensor: String
        public var elements: Int
        public var readers: [String]
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var parameters: Int
        public var buffers: Int
        public var macs: Int
        public var activationBytes: Int
        public var weightBytes: Int
    }

    public var model: String
    public var inputs: [Port]
    public var outputs: [Port]
    public var layers: [Layer]
    public var totals: Totals
    public var sharedTensors: [SharedTensor]

    /// Builds the report of a verified graph.
    public init(graph: Graph) {
        let stats = GraphStatistics(graph)
        func port(_ name: String) -> Port {
            let t = graph.tensor(name)
            return Port(name: name, shape: t?.shape ?? [], dtype: t?.dtype.rawValue ?? "?")
        }
        model = graph.name
        inputs = graph.inputs.map(port)
        outputs = graph.outputs.map(port)
        layers = zip(graph.nodes, stats.nodes).map { node, s in
            let act = node.op.fusedActivation.flatMap { $0 == .none ? nil : $0.rawValue }
            return Layer(node: s.name, op: s.op.rawValue, activation: act, outputShape: s.outputShape,
                         parameters: s.parameters, buffers: s.buffers, macs: s.macs, activationBytes: s.activationBytes)
        }
        totals = Totals(parameters: stats.totalParameters, buffers: stats.totalBuffers, macs: stats.totalMACs,
                        activationBytes: stats.totalActivationBytes, weightBytes: stats.totalWeightBytes)
        sharedTensors = graph.sharedTensors.map { s in
            SharedTensor(tensor: s.tensor, elements: graph.tensor(s.tensor)?.elementCount ?? 0, readers: s.readers)
        }
    }

    /// The human-readable report: header, layer table with totals, inputs/outputs, shared tensors.
    public var text: String {
        let hasBuffers = totals.buffers > 0
        var headers = ["node", "op", "output shape", "params"]
        var align: [TextTable.Alignment] = [.left, .left, .left, .right]
        if hasBuffers { headers.append("buffers"); align.append(.right) }
        headers += ["MACs", "act bytes"]
        align += [.right, .right]
        var table = TextTable(headers: headers, alignments: align)
        for l in layers {
            var row = [l.node, l.op + (l.activation.map { "+\($0)" } ?? ""), NumberFormat.shape(l.outputShape), NumberFormat.grouped(l.parameters)]
            if hasBuffers { row.append(NumberFormat.grouped(l.buffers)) }
            row += [NumberFormat.grouped(l.macs), NumberFormat.grouped(l.activationBytes)]
            table.add(row)
        }
        var total = ["total", "\(layers.count) layers", "", NumberFormat.grouped(totals.parameters)]
        if hasBuffers { total.append(NumberFormat.grouped(totals.buffers)) }
        total += [NumberFormat.grouped(totals.macs), NumberFormat.grouped(totals.activationBytes)]
        table.addFooter(total)

        func ports(_ ps: [Port]) -> String {
            ps.map { "\($0.name) \(NumberFormat.shape($0.shape)) \($0.dtype)" }.joined(separator: ", ")
        }
        var lines = ["model \"\(model)\"", "inputs:  \(ports(inputs))", "outputs: \(ports(outputs))", ""]
        lines.append(table.render())
        lines.append("parameters: \(NumberFormat.grouped(totals.parameters)) (each shared tensor counted once); weight bytes: \(NumberFormat.grouped(totals.weightBytes))")
        if !sharedTensors.isEmpty {
            lines.append("shared tensors:")
            for s in sharedTensors {
                lines.append("  \(s.tensor) (\(NumberFormat.grouped(s.elements)) elements) read by \(s.readers.joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty-printed JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
