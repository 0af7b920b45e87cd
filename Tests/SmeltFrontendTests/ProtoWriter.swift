/// A tiny protobuf encoder for hand-built test models (the inverse of ProtoReader, test-only).
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func int(_ field: Int, _ v: Int64) { varint(UInt64(field << 3)); varint(UInt64(bitPattern: v)) }

    mutating func float(_ field: Int, _ v: Float) {
        varint(UInt64(field << 3 | 5))
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32(k)))) }
    }

    mutating func data(_ field: Int, _ d: [UInt8]) { varint(UInt64(field << 3 | 2)); varint(UInt64(d.count)); bytes += d }
    mutating func string(_ field: Int, _ s: String) { data(field, Array(s.utf8)) }
    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var w = ProtoWriter()
        build(&w)
        data(field, w.bytes)
    }
}

/// Hand-built ONNX messages (field numbers from onnx.proto).
enum ONNXBuilder {
    /// A float `TensorProto` with raw_data.
    static func tensor(_ w: inout ProtoWriter, name: String, dims: [Int64], values: [Float]) {
        for d in dims { w.int(1, d) }
        w.int(2, 1)
        w.string(8, name)
        var raw: [UInt8] = []
        for v in values { for k in 0..<4 { raw.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32(k)))) } }
        w.data(9, raw)
    }

    /// A `ValueInfoProto` of a float tensor.
    static func valueInfo(_ w: inout ProtoWriter, name: String, dims: [Int64]) {
        w.string(1, name)
        w.message(2) { t in t.message(1) { tt in
            tt.int(1, 1)
            tt.message(2) { s in for d in dims { s.message(1) { $0.int(1, d) } } }
        } }
    }

    struct NodeSpec {
        var op: String, name: String, inputs: [String], outputs: [String]
        var ints: [String: [Int64]] = [:]
        var int: [String: Int64] = [:]
    }

    /// A ModelProto with opset `opset`, the given nodes, initializers, one input and one output.
    static func model(opset: Int64 = 13, nodes: [NodeSpec], initializers: [(String, [Int64], [Float])],
                      input: (String, [Int64]), output: (String, [Int64])) -> [UInt8] {
        var m = ProtoWriter()
        m.int(1, 8)
        m.message(8) { $0.string(1, ""); $0.int(2, opset) }
        m.message(7) { g in
            for n in nodes {
                g.message(1) { w in
                    for i in n.inputs { w.string(1, i) }
                    for o in n.outputs { w.string(2, o) }
                    w.string(3, n.name)
                    w.string(4, n.op)
                    for (k, v) in n.ints { w.message(5) { a in a.string(1, k); for x in v { a.int(8, x) }; a.int(20, 7) } }
                    for (k, v) in n.int { w.message(5) { a in a.string(1, k); a.int(3, v); a.int(20, 2) } }
                }
            }
            g.string(2, "handmade")
            for (name, dims, values) in initializers { g.message(5) { tensor(&$0, name: name, dims: dims, values: values) } }
            g.message(11) { valueInfo(&$0, name: input.0, dims: input.1) }
            g.message(12) { valueInfo(&$0, name: output.0, dims: output.1) }
        }
        return m.bytes
    }
}
