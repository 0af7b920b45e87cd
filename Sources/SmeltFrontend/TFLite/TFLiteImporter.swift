import Foundation
import SmeltIR

/// Reads a TFLite model (int8, as the TFLite converter writes it) into Smelt's quantized `Graph`.
///
/// TFLite is already NHWC with Smelt's weight layouts (Conv `[O, kH, kW, I]`, depthwise
/// `[1, kH, kW, C]`, FC `[out, in]`), so only the batch axis is dropped. Every tensor keeps the
/// file's dtype and quantization parameters as they are (per-tensor, or per-channel along
/// `quantized_dimension`), so the integer interpreter computes what TFLite Micro's reference
/// kernels compute. QUANTIZE / DEQUANTIZE at the edges become Smelt's `quantize` / `dequantize`.
///
/// ```swift
/// let graph = try TFLiteImporter.load(path: "person_detect.tflite")
/// ```
/// Errors are one line naming the file and the operator, e.g.
/// `m.tflite: node "mul_3": unsupported TFLite op MUL (builtin 18, output "y") (supported: ADD, ...)`.
/// Nodes are named after the builtin and the operator's index (`conv_2d_0`); TFLite operators have no names.
public enum TFLiteImporter {
    /// Builtin codes (schema.fbs `BuiltinOperator`) the importer maps, with their names.
    public static let supportedOps: [Int32: String] = [
        0: "ADD", 1: "AVERAGE_POOL_2D", 2: "CONCATENATION", 3: "CONV_2D", 4: "DEPTHWISE_CONV_2D",
        6: "DEQUANTIZE", 9: "FULLY_CONNECTED", 14: "LOGISTIC", 17: "MAX_POOL_2D", 19: "RELU",
        21: "RELU6", 22: "RESHAPE", 25: "SOFTMAX", 28: "TANH", 40: "MEAN", 114: "QUANTIZE",
    ]

    /// Reads and converts the `.tflite` file at `path`.
    public static func load(path: String) throws -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else { throw SmeltError("\(path): cannot read file") }
        return try decode([UInt8](data), path: path)
    }

    /// Converts the bytes of a `.tflite` file; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Graph {
        let model: TFLiteModel
        do { model = try TFLiteModel(bytes: bytes) } catch let e as SmeltError { throw e.inFile(path) }
        var c = TFLiteConversion(model: model, name: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        do { return try c.run() } catch let e as SmeltError {
            throw (e.message.hasPrefix("node \"") || c.currentName.isEmpty ? e : SmeltError.node(c.currentName, e.message)).inFile(path).oneLine
        }
    }
}

/// The state of one TFLite → Smelt conversion.
struct TFLiteConversion {
    let model: TFLiteModel
    var graph: Graph
    var names: [Int: String] = [:]
    var currentName = ""
    var nodeIndex = 0

    init(model: TFLiteModel, name: String) {
        self.model = model
        self.graph = Graph(name: name, metadata: ["source": "tflite", "tflite.description": model.description])
    }

    mutating func run() throws -> Graph {
        graph.inputs = try model.inputs.map { try tensor($0) }
        for (i, op) in model.operators.enumerated() {
            nodeIndex = i
            guard op.opcodeIndex < model.operatorCodes.count else { throw SmeltError("operator \(i): opcode index \(op.opcodeIndex) is out of range") }
            let code = model.operatorCodes[op.opcodeIndex].builtin
            currentName = "\(TFLiteBuiltinNames.name(code).lowercased().replacingOccurrences(of: " ", with: "_"))_\(i)"
            try convert(op, code: code)
        }
        currentName = ""
        graph.outputs = try model.outputs.map { try tensor($0) }
        return try graph.verified()
    }

    /// The Smelt tensor for TFLite tensor `index`, declared on first use.
    mutating func tensor(_ index: Int) throws -> String {
        if let n = names[index] { return n }
        guard index >= 0, index < model.tensors.count else { throw SmeltError("tensor index \(index) is out of range (\(model.tensors.count) tensors)") }
        let t = model.tensors[index]
        var name = t.name.isEmpty ? "t\(index)" : t.name
        while graph.tensor(name) != nil { name += "_\(index)" }
        let dtype: DType
        switch t.type {
        case 0: dtype = .float32
        case 9: dtype = .int8
        case 7: dtype = .int16
        case 2: dtype = .int32
        case 4: dtype = .int64
        default: throw SmeltError("tensor \"\(name)\": type \(t.type) is not supported (float32, int8, int16, int32, int64)")
        }
        guard t.shape.allSatisfy({ $0 >= 0 && $0 <= 1 << 24 }), (try? ONNXConversion.product(t.shape)) != nil else {
            throw SmeltError("tensor \"\(name)\": shape \(t.shape) is invalid or too large")
        }
        let bytes = try model.data(t.buffer)
        var data: TensorData?
        var shape = t.shape
        if bytes.isEmpty {
            if shape.count >= 2, shape[0] == 1 { shape.removeFirst() }   // batch axis
        } else {
            let count = try ONNXConversion.product(shape)
            guard bytes.count == count * dtype.byteWidth, let d = TensorData(littleEndianBytes: Array(bytes), dtype: dtype) else {
                throw SmeltError("tensor \"\(name)\": buffer has \(bytes.count) bytes, shape \(t.shape) of \(dtype.rawValue) needs \(count * dtype.byteWidth)")
            }
            data = d
        }
        var quant: QuantParams?
        if !t.scales.isEmpty {
            guard t.zeroPoints.count == t.scales.count || t.zeroPoints.isEmpty else {
                throw SmeltError("tensor \"\(name)\": \(t.scales.count) scales but \(t.zeroPoints.count) zero points")
            }
            let zps = try t.zeroPoints.map { z -> Int32 in
                guard let v = Int32(exactly: z) else { throw SmeltError("tensor \"\(name)\": zero point \(z) is out of range") }
                return v
            }
            let zeros = zps.isEmpty ? [Int32](repeating: 0, count: t.scales.count) : zps
            guard t.scales.count == 1 || (t.quantizedDimension >= 0 && t.quantizedDimension < t.shape.count) else {
                throw SmeltError("tensor \"\(name)\": quantized_dimension \(t.quantizedDimension) is outside its shape \(t.shape)")
            }
            quant = t.scales.count == 1 ? QuantParams(scale: t.scales[0], zeroPoint: zeros[0])
                : QuantParams(scales: t.scales, zeroPoints: zeros, axis: t.quantizedDimension)
        }
        graph.setTensor(Tensor(name: name, shape: shape, dtype: dtype, data: data, quant: quant))
        names[index] = name
        return name
    }

    /// Appends a node writing TFLite tensor `output`; checks the inferred shape against the file's.
    mutating func addNode(_ op: Op, inputs: [String], output: Int, semantics: IntegerSemantics = .smelt) throws {
        let out = try tensor(output)
        let declared = try graph.requireTensor(out)
        try appendNode(op, inputs: inputs, output: out, semantics: semantics)
        let inferred = try graph.requireTensor(out).shape
        guard inferred == declared.shape else {
            throw SmeltError("output \"\(out)\" has shape \(declared.shape) in the file, Smelt computes \(inferred)")
        }
    }

    /// Appends a node and sets its output's shape (keeping a declared dtype and quant).
    mutating func appendNode(_ op: Op, inputs: [String], output out: String, suffix: String? = nil,
                             semantics: IntegerSemantics = .smelt) throws {
        let node = Node(name: suffix.map { "\(currentName)/\($0)" } ?? currentName, op: op, inputs: inputs, output: out, semantics: semantics)
        let (shape, dtype) = try ShapeInference.infer(node: node, inputs: try inputs.map { try graph.requireTensor($0) })
        var t = graph.tensor(out) ?? Tensor(name: out, shape: shape, dtype: dtype)
        guard t.data == nil else { throw SmeltError("output \"\(out)\" is a constant") }
        guard !graph.nodes.contains(where: { $0.output == out }) else { throw SmeltError("output \"\(out)\" is written twice") }
        t.shape = shape
        graph.setTensor(t)
        graph.nodes.append(node)
    }

    /// A new activation tensor like `like` (dtype and quantization), for an inserted node.
    mutating func intermediate(_ base: String, like: String) throws -> String {
        var name = base
        while graph.tensor(name) != nil { name += "'" }
        let t = try graph.requireTensor(like)
        graph.setTensor(Tensor(name: name, shape: [], dtype: t.dtype, quant: t.quant))
        return name
    }

    /// `ActivationFunctionType`: NONE 0, RELU 1, RELU6 3 (others are errors).
    func activation(_ code: Int8) throws -> Activation {
        switch code {
        case 0: return .none
        case 1: return .relu
        case 3: return .relu6
        default: throw SmeltError("fused activation \(code) is not supported (only NONE, RELU, RELU6)")
        }
    }

    /// `Padding`: SAME 0, VALID 1.
    func padding(_ code: Int8) throws -> Padding {
        switch code {
        case 0: return .same
        case 1: return .valid
        default: throw SmeltError("padding \(code) is not SAME (0) or VALID (1)")
        }
    }
}
