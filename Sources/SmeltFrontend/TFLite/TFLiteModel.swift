import SmeltIR

// The subset of tensorflow/lite/schema/schema.fbs that Smelt reads. Slots are the 0-based field
// positions in each table (a union takes two: its type tag, then its value).

/// `Model`: version 0, operator_codes 1, subgraphs 2, description 3, buffers 4. Subgraph 0 is read.
public struct TFLiteModel: Sendable {
    public var version: UInt32
    public var description: String
    public var operatorCodes: [TFLiteOperatorCode]
    public var tensors: [TFLiteTensor]
    public var operators: [TFLiteOperator]
    public var inputs: [Int]
    public var outputs: [Int]
    /// Byte ranges of `Buffer.data` (slot 0), or of `offset`/`size` (slots 1, 2) in the file.
    public var buffers: [Range<Int>]
    public let file: FlatBuffer

    /// Decodes a `.tflite` file (identifier "TFL3").
    public init(bytes: [UInt8]) throws {
        file = FlatBuffer(bytes)
        guard file.identifier == "TFL3" else {
            throw SmeltError("not a TFLite file (no \"TFL3\" identifier at bytes 4–7)")
        }
        let root = try file.root()
        version = try root.uint32(0)
        description = try root.string(3) ?? ""
        operatorCodes = try (root.vector(1)?.tables() ?? []).map(TFLiteOperatorCode.init)
        buffers = try (root.vector(4)?.tables() ?? []).map { b in
            let offset = try b.uint64(1), size = try b.uint64(2)
            if offset > 1 {
                guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else {
                    throw SmeltError("buffer at offset \(offset) with \(size) bytes lies outside the \(bytes.count)-byte file")
                }
                return Int(offset)..<Int(offset + size)
            }
            return try b.vector(0).map { try $0.byteRange(elementSize: 1) } ?? 0..<0
        }
        guard let subgraphs = try root.vector(2), subgraphs.count > 0 else { throw SmeltError("model has no subgraph") }
        // SubGraph: tensors 0, inputs 1, outputs 2, operators 3, name 4.
        let sg = try subgraphs.table(0)
        tensors = try (sg.vector(0)?.tables() ?? []).map(TFLiteTensor.init)
        inputs = try (sg.vector(1)?.int32s() ?? []).map(Int.init)
        outputs = try (sg.vector(2)?.int32s() ?? []).map(Int.init)
        operators = try (sg.vector(3)?.tables() ?? []).map(TFLiteOperator.init)
    }

    /// The bytes of buffer `index` (empty for activations, which use buffer 0).
    public func data(_ index: Int) throws -> ArraySlice<UInt8> {
        guard index >= 0, index < buffers.count else { throw SmeltError("buffer index \(index) is out of range (\(buffers.count) buffers)") }
        return file.bytes[buffers[index]]
    }
}

/// `OperatorCode`: deprecated_builtin_code 0 (byte), custom_code 1, version 2, builtin_code 3 (int).
public struct TFLiteOperatorCode: Sendable {
    /// The builtin op: TFLite reads `max(deprecated_builtin_code, builtin_code)`, since old files
    /// set only the byte and new writers may set only the int (codes ≥ 127 exist only in the int).
    public var builtin: Int32
    public var custom: String?
    public var version: Int32

    init(_ t: FBTable) throws {
        builtin = Self.builtinCode(deprecated: try t.int8(0), extended: try t.int32(3))
        custom = try t.string(1)
        version = try t.int32(2, default: 1)
    }

    /// `max(deprecated, extended)`: e.g. an old file with byte 3 and no int gives CONV_2D (3).
    public static func builtinCode(deprecated: Int8, extended: Int32) -> Int32 {
        max(Int32(deprecated), extended)
    }
}

/// `Tensor`: shape 0, type 1 (byte), buffer 2 (uint), name 3, quantization 4.
/// `QuantizationParameters`: min 0, max 1, scale 2, zero_point 3 (long), details 4–5,
/// quantized_dimension 6.
public struct TFLiteTensor: Sendable {
    /// `TensorType`: FLOAT32 0, INT32 2, UINT8 3, INT64 4, INT16 7, INT8 9.
    public var type: Int8
    public var shape: [Int]
    public var buffer: Int
    public var name: String
    public var scales: [Float] = []
    public var zeroPoints: [Int64] = []
    public var quantizedDimension = 0

    init(_ t: FBTable) throws {
        shape = try (t.vector(0)?.int32s() ?? []).map(Int.init)
        type = try t.int8(1)
        buffer = Int(try t.uint32(2))
        name = try t.string(3) ?? ""
        if let q = try t.table(4) {
            scales = try q.vector(2)?.floats() ?? []
            zeroPoints = try q.vector(3)?.int64s() ?? []
            quantizedDimension = Int(try q.int32(6))
        }
    }
}

/// `Operator`: opcode_index 0, inputs 1, outputs 2, builtin_options_type 3, builtin_options 4.
public struct TFLiteOperator: Sendable {
    public var opcodeIndex: Int
    /// Tensor indices; −1 marks an absent optional input.
    public var inputs: [Int]
    public var outputs: [Int]
    /// `BuiltinOptions` union tag (1 Conv2DOptions, 2 DepthwiseConv2DOptions, 5 Pool2DOptions,
    /// 8 FullyConnectedOptions, 9 SoftmaxOptions, 10 ConcatenationOptions, 11 AddOptions,
    /// 17 ReshapeOptions, 27 ReducerOptions).
    public var optionsType: UInt8
    public var options: FBTable?

    init(_ t: FBTable) throws {
        opcodeIndex = Int(try t.uint32(0))
        inputs = try (t.vector(1)?.int32s() ?? []).map(Int.init)
        outputs = try (t.vector(2)?.int32s() ?? []).map(Int.init)
        optionsType = try t.uint8(3)
        options = try t.table(4)
    }
}
