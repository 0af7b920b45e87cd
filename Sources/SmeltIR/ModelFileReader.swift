import Foundation

extension ModelFile {
    /// Parses model JSON into a graph exactly as written (no verification, nothing dropped).
    ///
    /// `path` prefixes every error; sidecar files are looked up relative to `baseDirectory`
    /// (default: the directory of `path`). Errors name the tensor or node at fault, e.g.
    /// `m.json: tensor "fc1.weight": base64 data has 60 bytes, shape [16, 1] of float32 needs 64`.
    public static func decode(_ data: Data, path: String, baseDirectory: String? = nil) throws -> Graph {
        let base = baseDirectory ?? (path as NSString).deletingLastPathComponent
        do {
            var reader = Reader(baseDirectory: base)
            return try reader.graph([UInt8](data))
        } catch let e as SmeltError {
            throw e.inFile(path)
        }
    }

    private struct Reader {
        let baseDirectory: String
        var sidecars: [String: Data] = [:]

        init(baseDirectory: String) { self.baseDirectory = baseDirectory }

        mutating func graph(_ bytes: [UInt8]) throws -> Graph {
            let root: JSONValue
            do {
                root = try JSONParser.parse(bytes)
            } catch {
                let (line, col) = JSONParser.lineColumn(bytes, offset: error.offset)
                throw SmeltError("truncated or invalid JSON: \(error.message) at line \(line), column \(col) (byte \(error.offset))")
            }
            guard case .object(let obj) = root else { throw SmeltError("the model must be a JSON object, got \(root.typeName)") }
            let f = JSONFields(obj, context: "")
            try f.allowOnly(["format", "version", "name", "metadata", "inputs", "outputs", "tensors", "nodes"])
            let format = try f.string("format")
            guard format == ModelFile.formatName else {
                throw SmeltError("\"format\" is \"\(format)\", expected \"\(ModelFile.formatName)\"")
            }
            let version = try f.int("version")
            guard version == ModelFile.version else {
                throw SmeltError("unsupported format version \(version) (this Smelt reads version \(ModelFile.version))")
            }
            var metadata: [String: String] = [:]
            if let m = try f.optionalObject("metadata") {
                let mf = JSONFields(m, context: "metadata")
                for k in m.keys { metadata[k] = try mf.string(k) }
            }
            var tensors: [Tensor] = []
            var seen = Set<String>()
            for (i, item) in try f.array("tensors").enumerated() {
                let t = try tensor(item, index: i)
                guard seen.insert(t.name).inserted else { throw SmeltError("tensor \"\(t.name)\" is declared twice") }
                tensors.append(t)
            }
            let nodes = try f.array("nodes").enumerated().map { try node($0.element, index: $0.offset) }
            return Graph(name: try f.string("name"), tensors: tensors, nodes: nodes,
                         inputs: try f.strings("inputs"), outputs: try f.strings("outputs"), metadata: metadata)
        }

        mutating func tensor(_ v: JSONValue, index: Int) throws -> Tensor {
            guard case .object(let obj) = v else { throw SmeltError("tensors[\(index)] must be an object, got \(v.typeName)") }
            let name = try JSONFields(obj, context: "tensors[\(index)]").string("name")
            let f = JSONFields(obj, context: "tensor \"\(name)\"")
            try f.allowOnly(["name", "shape", "dtype", "data", "quant"])
            let shape = try f.ints("shape")
            if let d = shape.first(where: { $0 <= 0 }) {
                throw f.fail("dimension \(d) in shape \(shape) must be positive")
            }
            var count = 1
            for d in shape {
                let (p, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, p <= Int(Int32.max) else { throw f.fail("shape \(shape) has too many elements") }
                count = p
            }
            guard let dtype = try f.enumeration("dtype", DType.self) else { throw f.fail("missing field \"dtype\"") }
            var t = Tensor(name: name, shape: shape, dtype: dtype)
            if let d = try f.optionalObject("data") {
                t.data = try data(JSONFields(d, context: f.context), count: count, shape: shape, dtype: dtype)
            }
            if let q = try f.optionalObject("quant") {
                t.quant = try quant(JSONFields(q, context: f.context))
            }
            return t
        }

        mutating func data(_ f: JSONFields, count: Int, shape: [Int], dtype: DType) throws -> TensorData {
            try f.allowOnly(["base64", "file", "offset"])
            let needed = count * dtype.byteWidth
            let need = "shape \(shape) of \(dtype.rawValue) needs \(needed)"
            if let text = try f.optionalString("base64") {
                guard f.object["file"] == nil, f.object["offset"] == nil else {
                    throw f.fail("data has both \"base64\" and \"file\"")
                }
                guard let bytes = Base64.decode(text) else { throw f.fail("data is not valid base64") }
                guard bytes.count == needed else { throw f.fail("base64 data has \(bytes.count) bytes, \(need)") }
                return bytes.withUnsafeBytes { ModelFile.tensorData($0, dtype: dtype, count: count) }
            }
            guard let file = try f.optionalString("file") else {
                throw f.fail("data needs \"base64\" or \"file\" and \"offset\"")
            }
            let offset = try f.int("offset")
            guard offset >= 0 else { throw f.fail("sidecar offset \(offset) must not be negative") }
            let blob = try sidecar(file, f)
            guard blob.count >= offset, blob.count - offset >= needed else {
                throw f.fail("sidecar \"\(file)\" has \(blob.count) bytes, \(need) from offset \(offset)")
            }
            return blob.withUnsafeBytes {
                ModelFile.tensorData(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + needed]), dtype: dtype, count: count)
            }
        }

        mutating func sidecar(_ file: String, _ f: JSONFields) throws -> Data {
            if let d = sidecars[file] { return d }
            let full = file.hasPrefix("/") || baseDirectory.isEmpty ? file : (baseDirectory as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: full) else {
                throw f.fail("sidecar file \"\(file)\" not found (looked for \(full))")
            }
            guard let d = try? Data(contentsOf: URL(fileURLWithPath: full)) else {
                throw f.fail("sidecar file \"\(file)\" cannot be read")
            }
            sidecars[file] = d
            return d
        }

        func quant(_ f: JSONFields) throws -> QuantParams {
            try f.allowOnly(["scales", "zero_points", "axis", "fractional_bits"])
            let zps = try f.ints("zero_points")
            guard let bad = zps.first(where: { Int32(exactly: $0) == nil }) else {
                return QuantParams(scales: try f.floats("scales"), zeroPoints: zps.map { Int32($0) },
                                   axis: try f.optionalInt("axis"), fractionalBits: try f.optionalInt("fractional_bits"))
            }
            throw f.fail("zero point \(bad) does not fit in int32")
        }

        func node(_ v: JSONValue, index: Int) throws -> Node {
            guard case .object(let obj) = v else { throw SmeltError("nodes[\(index)] must be an object, got \(v.typeName)") }
            let name = try JSONFields(obj, context: "nodes[\(index)]").string("name")
            let f = JSONFields(obj, context: "node \"\(name)\"")
            try f.allowOnly(["name", "op", "inputs", "output", "attributes", "semantics"])
            let opName = try f.string("op")
            guard let kind = OpKind(rawValue: opName) else { throw f.fail("unknown op \"\(opName)\"") }
            let attrs = try f.optionalObject("attributes") ?? JSONObject()
            let op = try ModelFileAttributes.decode(kind, JSONFields(attrs, context: f.context))
            let semantics = try f.enumeration("semantics", IntegerSemantics.self) ?? .smelt
            guard semantics == .smelt || IntegerSemantics.variantOps.contains(kind) else {
                throw f.fail("\"semantics\" \"\(semantics.rawValue)\" applies only to Softmax and GlobalAveragePool, not \(kind.rawValue)")
            }
            return Node(name: name, op: op, inputs: try f.strings("inputs"), output: try f.string("output"), semantics: semantics)
        }
    }

    /// Tensor data from `count` little-endian elements of `dtype` in `raw`.
    static func tensorData(_ raw: UnsafeRawBufferPointer, dtype: DType, count: Int) -> TensorData {
        func load<T: FixedWidthInteger>(_: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buf, n in
                for i in 0..<count {
                    buf[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
                }
                n = count
            }
        }
        switch dtype {
        case .float32: return .float32(load(UInt32.self).map(Float.init(bitPattern:)))
        case .int8: return .int8(load(Int8.self))
        case .int16: return .int16(load(Int16.self))
        case .int32: return .int32(load(Int32.self))
        case .int64: return .int64(load(Int64.self))
        }
    }
}
