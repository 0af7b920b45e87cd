import SmeltIR

// The subset of onnx/onnx.proto (proto2, package onnx) that Smelt reads. Field numbers are
// those of onnx.proto; each decoder cites them. Unknown fields are skipped, as protobuf requires.

/// `ModelProto`: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8.
public struct ONNXModel: Sendable {
    public var irVersion: Int64 = 0
    public var producerName = ""
    public var producerVersion = ""
    /// Opset version per domain (`OperatorSetIdProto`: domain = 1, version = 2); "" is the default ONNX domain.
    public var opsets: [String: Int64] = [:]
    public var graph = ONNXGraph()

    /// Decodes a serialized `ModelProto`.
    public init(bytes: [UInt8]) throws {
        var r = ProtoReader(bytes)
        var sawGraph = false
        while let f = try r.next() {
            switch f.number {
            case 1: irVersion = try f.int64()
            case 2: producerName = try f.string(in: r)
            case 3: producerVersion = try f.string(in: r)
            case 7: graph = try ONNXGraph(try f.message(in: r)); sawGraph = true
            case 8:
                var o = try f.message(in: r)
                var domain = "", version: Int64 = 0
                while let g = try o.next() {
                    if g.number == 1 { domain = try g.string(in: o) }
                    if g.number == 2 { version = try g.int64() }
                }
                opsets[domain == "ai.onnx" ? "" : domain] = version
            default: break
            }
        }
        guard sawGraph else { throw SmeltError("not an ONNX model: no graph (field 7 of ModelProto)") }
    }
}

/// `GraphProto`: node = 1, name = 2, initializer = 5, input = 11, output = 12, value_info = 13.
public struct ONNXGraph: Sendable {
    public var name = ""
    public var nodes: [ONNXNode] = []
    public var initializers: [ONNXTensor] = []
    public var inputs: [ONNXValueInfo] = []
    public var outputs: [ONNXValueInfo] = []
    public var valueInfo: [ONNXValueInfo] = []

    init() {}

    init(_ reader: ProtoReader) throws {
        var r = reader
        while let f = try r.next() {
            switch f.number {
            case 1: nodes.append(try ONNXNode(try f.message(in: r)))
            case 2: name = try f.string(in: r)
            case 5: initializers.append(try ONNXTensor(try f.message(in: r)))
            case 11: inputs.append(try ONNXValueInfo(try f.message(in: r)))
            case 12: outputs.append(try ONNXValueInfo(try f.message(in: r)))
            case 13: valueInfo.append(try ONNXValueInfo(try f.message(in: r)))
            default: break
            }
        }
    }
}

/// `NodeProto`: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7.
public struct ONNXNode: Sendable {
    public var inputs: [String] = []
    public var outputs: [String] = []
    public var name = ""
    public var opType = ""
    public var domain = ""
    public var attributes: [String: ONNXAttribute] = [:]

    init(_ reader: ProtoReader) throws {
        var r = reader
        while let f = try r.next() {
            switch f.number {
            case 1: inputs.append(try f.string(in: r))
            case 2: outputs.append(try f.string(in: r))
            case 3: name = try f.string(in: r)
            case 4: opType = try f.string(in: r)
            case 5:
                let a = try ONNXAttribute(try f.message(in: r))
                attributes[a.name] = a
            case 7: domain = try f.string(in: r)
            default: break
            }
        }
    }
}

/// `AttributeProto`: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, type = 20.
/// Sub-graphs (g = 6, graphs = 11) are not read: no supported op has one.
public struct ONNXAttribute: Sendable {
    public var name = ""
    public var float: Float?
    public var int: Int64?
    public var string: String?
    public var tensor: ONNXTensor?
    public var floats: [Float] = []
    public var ints: [Int64] = []

    init(_ reader: ProtoReader) throws {
        var r = reader
        while let f = try r.next() {
            switch f.number {
            case 1: name = try f.string(in: r)
            case 2: float = try f.float()
            case 3: int = try f.int64()
            case 4: string = try f.string(in: r)
            case 5: tensor = try ONNXTensor(try f.message(in: r))
            case 7: floats += try f.packedFloats(in: r)
            case 8: ints += try f.packedInt64s(in: r)
            default: break
            }
        }
    }
}

/// `ValueInfoProto` (name = 1, type = 2) with `TypeProto.tensor_type` = 1 →
/// `TypeProto.Tensor` (elem_type = 1, shape = 2) → `TensorShapeProto.dim` = 1 →
/// `Dimension` (dim_value = 1, dim_param = 2).
public struct ONNXValueInfo: Sendable {
    /// A dimension: a number, or `nil` when symbolic (`dim_param`, e.g. "batch") or absent.
    public typealias Dim = Int64?
    public var name = ""
    /// `TensorProto.DataType` code (1 = FLOAT); 0 when not given.
    public var elemType: Int64 = 0
    /// `nil` when the shape is not given at all.
    public var dims: [Dim]?

    init(_ reader: ProtoReader) throws {
        var r = reader
        while let f = try r.next() {
            if f.number == 1 { name = try f.string(in: r) }
            guard f.number == 2 else { continue }
            var type = try f.message(in: r)
            while let t = try type.next() {
                guard t.number == 1 else { continue }
                var tensorType = try t.message(in: type)
                while let tt = try tensorType.next() {
                    if tt.number == 1 { elemType = try tt.int64() }
                    guard tt.number == 2 else { continue }
                    var shape = try tt.message(in: tensorType)
                    var dims: [Dim] = []
                    while let d = try shape.next() {
                        guard d.number == 1 else { continue }
                        var dim = try d.message(in: shape)
                        var value: Int64?
                        while let dv = try dim.next() { if dv.number == 1 { value = try dv.int64() } }
                        dims.append(value)
                    }
                    self.dims = dims
                }
            }
        }
    }
}
