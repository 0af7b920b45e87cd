import Foundation

/// Smelt's model format: one JSON file, optionally with a sidecar binary file for the weights.
///
/// The format is specified in `docs/model-format.md`. In short:
///
/// ```json
/// {
///   "format": "smelt-model",
///   "version": 1,
///   "name": "sine",
///   "metadata": {},
///   "inputs": ["x"],
///   "outputs": ["y"],
///   "tensors": [
///     {
///       "name": "w",
///       "shape": [1, 1],
///       "dtype": "float32",
///       "data": {
///         "base64": "AACAPw=="
///       }
///     }
///   ],
///   "nodes": [ ... ]
/// }
/// ```
///
/// `write(encode(decode(file)))` reproduces a file Smelt wrote byte for byte.
public enum ModelFile {
    /// The value of the `"format"` key.
    public static let formatName = "smelt-model"
    /// The format version this code reads and writes.
    public static let version = 1
    /// Sidecar offsets are multiples of this many bytes (the gaps are zero bytes).
    public static let sidecarAlignment = 16

    /// Reads, decodes and verifies the model at `path`.
    ///
    /// Every error is one line starting with `path:`, e.g.
    /// `model.json: node "c1": unknown op "Conv3D"`.
    public static func load(path: String) throws -> Graph {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SmeltError("\(path): cannot read the model file (\(FileManager.default.fileExists(atPath: path) ? "unreadable" : "no such file"))")
        }
        let g = try decode(data, path: path)
        do {
            return try g.verified()
        } catch let e as SmeltError {
            throw e.inFile(path)
        }
    }

    /// Writes `graph` to `path` as JSON; with `sidecar` true, the constant data goes to a binary
    /// file next to it (`model.json` → `model.bin`) and the JSON refers to it by name and offset.
    ///
    /// Each file is written to a temporary file in the same directory and renamed over the target,
    /// the sidecar first, so a reader never sees a half-written model. Throws if an attribute or a
    /// quantization scale is not finite (JSON cannot represent it) or a file cannot be written.
    public static func write(_ graph: Graph, to path: String, sidecar: Bool = false) throws {
        if let bad = nonFiniteFloat(in: graph) { throw SmeltError("\(path): \(bad) is not finite and cannot be written") }
        let sidecarName = sidecar ? sidecarFileName(for: path) : nil
        let (json, bin) = encode(graph, sidecar: sidecarName)
        if let bin, let sidecarName {
            let dir = (path as NSString).deletingLastPathComponent
            try atomicWrite(bin, to: dir.isEmpty ? sidecarName : (dir as NSString).appendingPathComponent(sidecarName))
        }
        try atomicWrite(json, to: path)
    }

    /// The sidecar file name `write` uses for a JSON file: the base name with extension `.bin`
    /// (`models/sine.json` → `sine.bin`).
    public static func sidecarFileName(for jsonPath: String) -> String {
        let file = (jsonPath as NSString).lastPathComponent
        let base = (file as NSString).deletingPathExtension
        let name = base + ".bin"
        return name == file ? base + ".weights.bin" : name
    }

    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: tmp)
        } catch {
            throw SmeltError("\(path): cannot write the file (\(error.localizedDescription))")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw SmeltError("\(path): cannot replace the file (\(reason))")
        }
    }

    /// A description of the first float the JSON cannot hold, if any.
    static func nonFiniteFloat(in g: Graph) -> String? {
        for n in g.nodes {
            if case .batchNorm(let eps) = n.op, !eps.isFinite { return "node \"\(n.name)\": epsilon \(eps)" }
        }
        for t in g.tensors {
            if let s = t.quant?.scales.first(where: { !$0.isFinite }) { return "tensor \"\(t.name)\": scale \(s)" }
        }
        return nil
    }
}
