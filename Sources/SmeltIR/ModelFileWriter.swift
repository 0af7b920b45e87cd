import Foundation

extension ModelFile {
    /// The JSON text for `graph` and, when `sidecar` names a file, the sidecar bytes.
    ///
    /// The writer emits exactly the graph's tensors in order, with a fixed key order
    /// (`format, version, name, metadata, inputs, outputs, tensors, nodes`; a tensor's
    /// `name, shape, dtype, data, quant`; a node's `name, op, inputs, output, attributes`),
    /// metadata keys sorted, every attribute written (defaults included), `quant` always with its
    /// four keys (`null` when absent) and the layout of `JSONPrinter`. With a sidecar every
    /// constant's bytes go to the sidecar at offsets rounded up to `sidecarAlignment`, in tensor
    /// order; without one they are inline base64.
    ///
    /// Non-finite attribute floats or scales are written as strings, which the reader rejects;
    /// `write` refuses them up front.
    public static func encode(_ graph: Graph, sidecar: String? = nil) -> (json: Data, sidecar: Data?) {
        var blob: [UInt8] = []
        var tensors: [JSONValue] = []
        tensors.reserveCapacity(graph.tensors.count)
        for t in graph.tensors {
            var pairs: [(String, JSONValue)] = [
                ("name", .string(t.name)), ("shape", .ints(t.shape)), ("dtype", .string(t.dtype.rawValue)),
            ]
            if let d = t.data {
                let bytes = d.littleEndianBytes
                if let file = sidecar {
                    let pad = (sidecarAlignment - blob.count % sidecarAlignment) % sidecarAlignment
                    blob.append(contentsOf: repeatElement(0, count: pad))
                    pairs.append(("data", .object(JSONObject([("file", .string(file)), ("offset", .int(blob.count))]))))
                    blob.append(contentsOf: bytes)
                } else {
                    pairs.append(("data", .object(JSONObject([("base64", .string(Base64.encode(bytes)))]))))
                }
            }
            if let q = t.quant {
                pairs.append(("quant", .object(JSONObject([
                    ("scales", .array(q.scales.map(JSONValue.float))),
                    ("zero_points", .array(q.zeroPoints.map { .int(Int($0)) })),
                    ("axis", q.axis.map(JSONValue.int) ?? .null),
                    ("fractional_bits", q.fractionalBits.map(JSONValue.int) ?? .null),
                ]))))
            }
            tensors.append(.object(JSONObject(pairs)))
        }
        let nodes: [JSONValue] = graph.nodes.map { n in
            var pairs: [(String, JSONValue)] = [
                ("name", .string(n.name)),
                ("op", .string(n.op.kind.rawValue)),
                ("inputs", .strings(n.inputs)),
                ("output", .string(n.output)),
                ("attributes", .object(ModelFileAttributes.encode(n.op))),
            ]
            if n.semantics != .smelt { pairs.append(("semantics", .string(n.semantics.rawValue))) }
            return .object(JSONObject(pairs))
        }
        let root = JSONObject([
            ("format", .string(formatName)),
            ("version", .int(version)),
            ("name", .string(graph.name)),
            ("metadata", .object(JSONObject(graph.metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))),
            ("inputs", .strings(graph.inputs)),
            ("outputs", .strings(graph.outputs)),
            ("tensors", .array(tensors)),
            ("nodes", .array(nodes)),
        ])
        return (Data(JSONPrinter.print(.object(root))), sidecar == nil ? nil : Data(blob))
    }
}
