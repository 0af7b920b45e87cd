/// The `"attributes"` object of each op in the model format, both directions.
///
/// | op | attributes (default when absent) |
/// |---|---|
/// | Dense, Add | `activation` ("none") |
/// | Conv2D, DepthwiseConv2D | `strides` [h, w] ([1, 1]), `padding` ("valid"), `activation` ("none") |
/// | MaxPool2D, AveragePool2D | `size` [h, w] (required), `strides` [h, w] (= size), `padding` ("valid") |
/// | Reshape | `shape` (required; positive entries, at most one -1) |
/// | BatchNorm | `epsilon` (0.001) |
/// | all others | none |
///
/// The writer always writes every attribute of the op, defaults included; an attribute the op
/// does not have is an error when reading.
enum ModelFileAttributes {
    /// The attributes object for `op`, every attribute written, in the order of the table.
    static func encode(_ op: Op) -> JSONObject {
        switch op {
        case .dense(let a), .add(let a):
            return JSONObject([("activation", .string(a.rawValue))])
        case .conv2d(let c), .depthwiseConv2d(let c):
            return JSONObject([
                ("strides", .ints([c.strideH, c.strideW])),
                ("padding", .string(c.padding.rawValue)),
                ("activation", .string(c.activation.rawValue)),
            ])
        case .maxPool2d(let p), .averagePool2d(let p):
            return JSONObject([
                ("size", .ints([p.sizeH, p.sizeW])),
                ("strides", .ints([p.strideH, p.strideW])),
                ("padding", .string(p.padding.rawValue)),
            ])
        case .reshape(let shape):
            return JSONObject([("shape", .ints(shape))])
        case .batchNorm(let eps):
            return JSONObject([("epsilon", .float(eps))])
        case .globalAveragePool, .relu, .relu6, .sigmoid, .tanh, .softmax, .flatten, .concatenate, .quantize, .dequantize:
            return JSONObject()
        }
    }

    /// The op of kind `kind` with the attributes in `f` (whose context names the node).
    static func decode(_ kind: OpKind, _ f: JSONFields) throws -> Op {
        func activation() throws -> Activation {
            try f.enumeration("activation", Activation.self) ?? .none
        }
        func padding() throws -> Padding {
            try f.enumeration("padding", Padding.self) ?? .valid
        }
        func pair(_ key: String) throws -> (Int, Int)? {
            guard let v = try f.optionalInts(key) else { return nil }
            guard v.count == 2, v.allSatisfy({ $0 > 0 }) else {
                throw f.fail("attribute \"\(key)\" must be 2 positive integers [h, w], got \(v)")
            }
            return (v[0], v[1])
        }
        switch kind {
        case .dense:
            try f.allowOnly(["activation"], what: "attribute", of: kind)
            return .dense(activation: try activation())
        case .add:
            try f.allowOnly(["activation"], what: "attribute", of: kind)
            return .add(activation: try activation())
        case .conv2d, .depthwiseConv2d:
            try f.allowOnly(["strides", "padding", "activation"], what: "attribute", of: kind)
            let s = try pair("strides") ?? (1, 1)
            let c = ConvAttributes(strideH: s.0, strideW: s.1, padding: try padding(), activation: try activation())
            return kind == .conv2d ? .conv2d(c) : .depthwiseConv2d(c)
        case .maxPool2d, .averagePool2d:
            try f.allowOnly(["size", "strides", "padding"], what: "attribute", of: kind)
            guard let size = try pair("size") else { throw f.fail("missing attribute \"size\"") }
            let s = try pair("strides") ?? size
            let p = PoolAttributes(sizeH: size.0, sizeW: size.1, strideH: s.0, strideW: s.1, padding: try padding())
            return kind == .maxPool2d ? .maxPool2d(p) : .averagePool2d(p)
        case .reshape:
            try f.allowOnly(["shape"], what: "attribute", of: kind)
            guard let shape = try f.optionalInts("shape") else { throw f.fail("missing attribute \"shape\"") }
            guard !shape.isEmpty, shape.allSatisfy({ ($0 > 0 && $0 <= Int(Int32.max)) || $0 == -1 }),
                  shape.filter({ $0 == -1 }).count <= 1 else {
                throw f.fail("attribute \"shape\" \(shape) must have positive dimensions and at most one -1")
            }
            return .reshape(shape: shape)
        case .batchNorm:
            try f.allowOnly(["epsilon"], what: "attribute", of: kind)
            let eps = try f.optionalFloat("epsilon") ?? 0.001
            guard eps >= 0 else { throw f.fail("attribute \"epsilon\" \(eps) must be non-negative") }
            return .batchNorm(epsilon: eps)
        case .globalAveragePool: try f.allowOnly([], what: "attribute", of: kind); return .globalAveragePool
        case .relu: try f.allowOnly([], what: "attribute", of: kind); return .relu
        case .relu6: try f.allowOnly([], what: "attribute", of: kind); return .relu6
        case .sigmoid: try f.allowOnly([], what: "attribute", of: kind); return .sigmoid
        case .tanh: try f.allowOnly([], what: "attribute", of: kind); return .tanh
        case .softmax: try f.allowOnly([], what: "attribute", of: kind); return .softmax
        case .flatten: try f.allowOnly([], what: "attribute", of: kind); return .flatten
        case .concatenate: try f.allowOnly([], what: "attribute", of: kind); return .concatenate
        case .quantize: try f.allowOnly([], what: "attribute", of: kind); return .quantize
        case .dequantize: try f.allowOnly([], what: "attribute", of: kind); return .dequantize
        }
    }
}
