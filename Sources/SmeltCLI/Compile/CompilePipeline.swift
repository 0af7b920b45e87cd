import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltPasses
import SmeltQuant

/// What `smelt compile` (and `diff`, `build`, `bench`) do to a model, as settings.
///
/// Commands fill this from their options; a new option (online learning, kernel sharing, ...)
/// becomes one more field here and one more step in `CompilePipeline`.
public struct CompileOptions: Sendable {
    /// C name of the model (file and symbol prefix); default: the model file's base name.
    public var name: String?
    /// Calibration CSV (one sample per row, as many columns as the model input has elements).
    /// Required for a float model, unused for an already-quantized one.
    public var calibrationPath: String?
    /// Quantization scheme: int8 (TFLite), int16 activations, or power-of-two.
    public var scheme: Scheme = .int8
    /// Percentile calibration (`(50, 100]`), or min/max when nil.
    public var percentile: Double?
    /// Options handed to `CEmitter.emit` (single header, ...).
    public var emit = EmitOptions()

    public init() {}

    /// The calibration method these options select.
    public var calibrationMethod: CalibrationMethod { percentile.map { .percentile($0) } ?? .minMax }
}

/// A model after every compile stage.
public struct CompiledModel: Sendable {
    /// The C identifier used for files and symbols (`digits`).
    public var name: String
    /// The float graph after `Pipeline.standard`; nil when the model came quantized.
    public var floatGraph: Graph?
    /// The quantized graph the C implements (the integer emulator's reference).
    public var quantized: Graph
    /// The calibration used; nil when the model came quantized.
    public var calibration: Calibration?
    /// The generated C and its compile report.
    public var generated: GeneratedC
    /// More files written next to the C (`NAME.model.jsonld`, ...), added by later stages.
    public var extraFiles: [(name: String, contents: Data)] = []

    /// Everything `smelt compile` writes into OUT/: the C files, then `extraFiles`.
    public var files: [(name: String, contents: Data)] {
        generated.files.map { ($0.name, Data($0.contents.utf8)) } + extraFiles
    }
}

/// The compile pipeline: load → verify → standard passes → calibrate → quantize → emit C.
///
/// ```swift
/// var options = CompileOptions()
/// options.calibrationPath = "Examples/digits/calibration.csv"
/// let model = try CompilePipeline(options: options).run(modelPath: "Examples/digits/digits.json")
/// try OutputFolder.write(model.files, to: URL(fileURLWithPath: "out"))
/// ```
/// Each stage is public so commands can stop early (`diff` needs the float and quantized graphs,
/// not the C). Errors are `SmeltError`s of one line naming the file (and node, row or column).
public struct CompilePipeline: Sendable {
    public var options: CompileOptions

    public init(options: CompileOptions) { self.options = options }

    /// Every stage, from the model file to the generated C.
    public func run(modelPath: String) throws -> CompiledModel {
        try compile(try ModelLoader.load(path: modelPath), source: modelPath, defaultName: ModelLoader.defaultName(path: modelPath))
    }

    /// Compiles an already-loaded graph; `source` names it in errors, `samples` (when given) replace
    /// the calibration file (used for the reference models, which have no data file).
    public func compile(_ loaded: Graph, source: String, defaultName: String, samples: [[Float]]? = nil) throws -> CompiledModel {
        let (float, quantized, calibration) = try quantizedGraph(loaded, source: source, samples: samples)
        let name = CompilePipeline.cName(options.name ?? defaultName)
        let generated: GeneratedC
        do {
            generated = try CEmitter.emit(graph: quantized, name: name, options: options.emit)
        } catch let e as SmeltError {
            throw e.inFile(source)
        }
        return CompiledModel(name: generated.name, floatGraph: float, quantized: quantized, calibration: calibration, generated: generated)
    }

    /// Loads the model and returns the float graph after the standard passes (nil for a model that
    /// came quantized), the quantized graph and the calibration that produced it.
    public func quantizedGraph(modelPath: String) throws -> (float: Graph?, quantized: Graph, calibration: Calibration?) {
        try quantizedGraph(try ModelLoader.load(path: modelPath), source: modelPath)
    }

    /// The quantization stages on a loaded graph (see `quantizedGraph(modelPath:)`).
    public func quantizedGraph(_ graph: Graph, source modelPath: String, samples: [[Float]]? = nil) throws -> (float: Graph?, quantized: Graph, calibration: Calibration?) {
        let loaded = try QuantizedEdges.strip(graph)
        if try QuantizedEdges.isQuantized(loaded, path: modelPath) {
            return (nil, loaded, nil)
        }
        guard options.calibrationPath != nil || samples != nil else {
            throw UsageError("\(modelPath) is a float model: give calibration data with --calibrate DATA.csv")
        }
        let float: Graph
        do {
            float = try Pipeline.standard(loaded)
        } catch let e as SmeltError {
            throw e.inFile(modelPath)
        }
        let calibration: Calibration
        if let dataPath = options.calibrationPath {
            calibration = try calibrate(float, dataPath: dataPath, modelPath: modelPath)
        } else {
            calibration = try Calibration.collect(graph: float, samples: samples ?? [], method: options.calibrationMethod)
        }
        do {
            let q = try Quantizer.quantize(graph: float, calibration: calibration, scheme: options.scheme)
            return (float, q, calibration)
        } catch let e as SmeltError {
            throw e.inFile(modelPath)
        }
    }

    /// Reads the calibration CSV (checked against the model's input width) and calibrates. With
    /// several inputs a row is their flattened elements concatenated in the model's input order.
    public func calibrate(_ float: Graph, dataPath: String, modelPath: String) throws -> Calibration {
        let inputs = try float.inputs.map { try float.requireTensor($0) }
        guard !inputs.isEmpty else { throw SmeltError("\(modelPath): the model has no input") }
        let data = try CalibrationData.load(path: dataPath, width: inputs.reduce(0) { $0 + $1.elementCount },
                                            inputName: inputs.map(\.name).joined(separator: "\" + \""))
        do {
            return try Calibration.collect(graph: float, samples: data.rows, method: options.calibrationMethod)
        } catch let e as SmeltError {
            // Sample k is the k-th data row; name its line in the file.
            if let k = Self.sampleIndex(in: e.message), k - 1 < data.lineNumbers.count {
                throw SmeltError("\(dataPath): line \(data.lineNumbers[k - 1]): \(e.message)")
            }
            throw e.inFile(dataPath)
        }
    }

    /// `calibration sample 7, value 3 is not finite` → 7.
    static func sampleIndex(in message: String) -> Int? {
        guard let r = message.range(of: "sample ") else { return nil }
        return Int(message[r.upperBound...].prefix(while: \.isNumber))
    }

    /// A C identifier for a model name: `my-model.v2` → `my_model_v2`, `2d` → `m_2d`.
    public static func cName(_ name: String) -> String {
        var s = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }).lowercased()
        if s.isEmpty { s = "model" }
        if let f = s.first, f.isNumber { s = "m_" + s }
        return s
    }
}

/// The calibration CSV of `smelt compile` / `smelt diff`, via `CSVData`.
///
/// An optional header line; then one sample per row with exactly as many values as the model's
/// input has elements. Errors name the file, line and column: `cal.csv: line 3 has 2 columns,
/// expected 64`, `cal.csv: line 2, column 5: "x" is not a number`, `cal.csv: line 4, column 1: nan is not finite`,
/// `cal.csv: no data rows`.
public enum CalibrationData {
    /// Reads and checks the file.
    public static func load(path: String, width: Int, inputName: String) throws -> CSVData {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw SmeltError("\(path): calibration file not found")
        }
        do {
            return try CSVData(path: path, expectedColumns: width)
        } catch let e as SmeltError where e.message.contains("columns, expected") {
            throw SmeltError("\(e.message) (input \"\(inputName)\" has \(width) element\(width == 1 ? "" : "s"))")
        }
    }
}
