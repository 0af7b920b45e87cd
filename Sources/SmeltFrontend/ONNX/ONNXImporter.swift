import Foundation
import SmeltIR

/// Reads an ONNX model (opsets 11–23, default domain) into a Smelt `Graph` with NHWC layout.
///
/// The batch axis is dropped (it must be 1 or symbolic). A 4-D `[1, C, H, W]` input becomes an
/// `[H, W, C]` Smelt tensor and a `[1, F]` input an `[F]` tensor; graph outputs are in Smelt's
/// layout likewise. Weights are re-laid out (Conv OIHW → `[O, kH, kW, I]`, depthwise → `[1, kH, kW, C]`,
/// MatMul/Gemm → Dense `[out, in]`). A Flatten of `[C, H, W]` data keeps ONNX's `c·H·W + h·W + w`
/// order by permuting the columns of the Dense layer that reads it (see docs/importers.md).
///
/// ```swift
/// let graph = try ONNXImporter.load(path: "mnist.onnx")
/// ```
/// Every error is one line naming the file and the node, e.g.
/// `m.onnx: node "lrn1": unsupported ONNX op "LRN" (supported: Add, AveragePool, ...)`.
public enum ONNXImporter {
    /// ONNX ops the importer maps (default domain).
    public static let supportedOps: [String] = [
        "Add", "AveragePool", "BatchNormalization", "Clip", "Concat", "Constant", "Conv",
        "DequantizeLinear", "Dropout", "Flatten", "Gemm", "GlobalAveragePool", "Identity", "MatMul",
        "MaxPool", "QuantizeLinear", "Relu", "Reshape", "Sigmoid", "Softmax", "Tanh",
    ]

    /// Default-domain opset versions accepted.
    public static let supportedOpsets: ClosedRange<Int64> = 11...23

    /// Reads and converts the `.onnx` file at `path`; external data files are looked up next to it.
    public static func load(path: String) throws -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SmeltError("\(path): cannot read file")
        }
        let dir = (path as NSString).deletingLastPathComponent
        return try decode([UInt8](data), path: path, baseDirectory: dir.isEmpty ? "." : dir)
    }

    /// Converts the bytes of a serialized `ModelProto`; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String, baseDirectory: String? = nil) throws -> Graph {
        let model: ONNXModel
        do { model = try ONNXModel(bytes: bytes) } catch let e as SmeltError { throw e.inFile(path) }
        var conversion = ONNXConversion(model: model, path: path, baseDirectory: baseDirectory)
        do { return try conversion.run() } catch let e as SmeltError { throw e.oneLine }
    }
}

/// How an ONNX activation is held in Smelt.
enum ONNXLayout: Equatable {
    /// ONNX `[1, C, H, W]` ↔ Smelt `[H, W, C]`.
    case image
    /// ONNX `[1, F]` ↔ Smelt `[F]`.
    case vector
    /// ONNX `[1, C, 1, 1]` (after GlobalAveragePool) ↔ Smelt `[C]`.
    case pooled
}

/// An ONNX activation value: the Smelt tensor holding it and how.
struct ONNXValue {
    var tensor: String
    var layout: ONNXLayout
    /// For `.vector`: Smelt element `i` holds ONNX element `order[i]`; `nil` means identity.
    var order: [Int]?
}

/// A constant (initializer, Constant node, or DequantizeLinear of a constant).
struct ONNXConstant {
    var shape: [Int]
    var values: [Double]
    /// `TensorProto.DataType` code of the stored values (1 = FLOAT, 2 = UINT8, 3 = INT8, ...).
    var dataType: Int64 = 1
    /// Quantization recorded by a DequantizeLinear, with ONNX's axis.
    var quant: QuantParams?
    var count: Int { values.count }
}

/// The state of one ONNX → Smelt conversion; one file per op family extends it.
struct ONNXConversion {
    let model: ONNXModel
    let path: String
    let baseDirectory: String?
    var graph: Graph
    var values: [String: ONNXValue] = [:]
    var constants: [String: ONNXConstant] = [:]
    /// QuantizeLinear outputs waiting for their DequantizeLinear: the float value and its params.
    var pendingQuantize: [String: (value: ONNXValue, quant: QuantParams)] = [:]
    var consumers: [String: [Int]] = [:]
    var skipped: Set<Int> = []
    var nodeNames: Set<String> = []
    var opset: Int64 = 0
    /// The ONNX node being converted and its Smelt name.
    var current: ONNXNode!
    var currentName = ""

    init(model: ONNXModel, path: String, baseDirectory: String?) {
        self.model = model
        self.path = path
        self.baseDirectory = baseDirectory
        let name = model.graph.name.isEmpty ? ((path as NSString).lastPathComponent as NSString).deletingPathExtension : model.graph.name
        self.graph = Graph(name: name, metadata: ["source": "onnx", "onnx.producer": "\(model.producerName) \(model.producerVersion)".trimmingCharacters(in: .whitespaces)])
    }

    mutating func run() throws -> Graph {
        guard let v = model.opsets[""] else { throw SmeltError("\(path): model imports no default-domain (ai.onnx) opset") }
        guard ONNXImporter.supportedOpsets.contains(v) else {
            throw SmeltError("\(path): opset \(v) is not supported (supported: \(ONNXImporter.supportedOpsets.lowerBound)–\(ONNXImporter.supportedOpsets.upperBound))")
        }
        opset = v
        graph.metadata["onnx.opset"] = String(v)
        do {
            for t in model.graph.initializers {
                constants[t.name] = ONNXConstant(shape: try t.shape(), values: try t.values(baseDirectory: baseDirectory), dataType: t.dataTypeCode)
            }
            try declareInputs()
        } catch let e as SmeltError { throw e.inFile(path) }
        let nodes = model.graph.nodes
        for (i, n) in nodes.enumerated() { for input in n.inputs where !input.isEmpty { consumers[input, default: []].append(i) } }
        for (i, n) in nodes.enumerated() where !skipped.contains(i) {
            current = n
            currentName = uniqueNodeName(n.name.isEmpty ? "\(n.opType)_\(i)" : n.name)
            do {
                try convert(n, index: i)
            } catch let e as SmeltError {
                let m = e.message.hasPrefix("node \"") ? e : SmeltError.node(currentName, e.message)
                throw m.inFile(path)
            }
        }
        do {
            try declareOutputs()
            return try graph.verified()
        } catch let e as SmeltError { throw e.inFile(path) }
    }

    private mutating func declareInputs() throws {
        for info in model.graph.inputs where constants[info.name] == nil {
            guard info.elemType == 1 else { throw SmeltError("graph input \"\(info.name)\": element type \(info.elemType) is not float (1)") }
            guard let dims = info.dims, dims.count == 2 || dims.count == 4 else {
                throw SmeltError("graph input \"\(info.name)\": needs a [N, F] or [N, C, H, W] shape, got \(info.dims.map { "\($0)" } ?? "none")")
            }
            guard dims[0] == nil || dims[0] == 1 else { throw SmeltError("graph input \"\(info.name)\": batch size \(dims[0]!) must be 1 or symbolic") }
            let rest = try dims.dropFirst().map { d -> Int in
                guard let d, d > 0, d <= 1 << 24 else { throw SmeltError("graph input \"\(info.name)\": dimensions \(dims) after the batch axis must be known and positive") }
                return Int(d)
            }
            guard try Self.product(rest) <= 1 << 24 else { throw SmeltError("graph input \"\(info.name)\": shape \(dims) is too large") }
            let layout: ONNXLayout = rest.count == 3 ? .image : .vector
            let shape = rest.count == 3 ? [rest[1], rest[2], rest[0]] : rest
            graph.setTensor(Tensor(name: info.name, shape: shape))
            graph.inputs.append(info.name)
            values[info.name] = ONNXValue(tensor: info.name, layout: layout)
        }
    }

    private mutating func declareOutputs() throws {
        for info in model.graph.outputs {
            guard var v = values[info.name] else {
                throw SmeltError("graph output \"\(info.name)\" is not computed by a supported node")
            }
            currentName = info.name
            v = try natural(v)
            graph.outputs.append(v.tensor)
        }
    }

    private mutating func convert(_ n: ONNXNode, index: Int) throws {
        guard n.domain.isEmpty || n.domain == "ai.onnx" else {
            throw SmeltError("unsupported op \"\(n.opType)\" of domain \"\(n.domain)\" (supported: ONNX default-domain \(ONNXImporter.supportedOps.joined(separator: ", ")))")
        }
        switch n.opType {
        case "Conv": try convertConv(n)
        case "Gemm": try convertGemm(n)
        case "MatMul": try convertMatMul(n, index: index)
        case "MaxPool", "AveragePool": try convertPool(n)
        case "GlobalAveragePool": try convertGlobalAveragePool(n)
        case "Relu", "Sigmoid", "Tanh": try convertUnary(n)
        case "Clip": try convertClip(n)
        case "Softmax": try convertSoftmax(n)
        case "Add": try convertAdd(n)
        case "Concat": try convertConcat(n)
        case "BatchNormalization": try convertBatchNorm(n)
        case "Flatten": try convertFlatten(n)
        case "Reshape": try convertReshape(n)
        case "Identity", "Dropout": try convertIdentity(n)
        case "Constant": try convertConstant(n)
        case "QuantizeLinear": try convertQuantize(n)
        case "DequantizeLinear": try convertDequantize(n)
        default:
            throw SmeltError("unsupported ONNX op \"\(n.opType)\" (supported: \(ONNXImporter.supportedOps.joined(separator: ", ")))")
        }
    }
}
