import Foundation
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltEmulator
@testable import SmeltCodegen
@testable import SmeltTargets

/// Quantized models (Examples and reference shapes) with their integer inputs, and the firmware
/// that runs them: used by the on-board equivalence tests and the measurement helper.
enum BoardModels {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A quantized int8 model and `count` quantized inputs.
    struct Prepared {
        var name: String
        var graph: Graph
        var inputs: [[Int32]]
    }

    /// Names of the models `prepare` knows: the Examples models and the reference shapes.
    static let names = ["sine", "digits", "ds-cnn", "autoencoder"]

    /// Quantizes model `name` to int8, calibrating Examples with their calibration.csv and the
    /// reference shapes with seeded random samples; returns the first `count` inputs.
    static func prepare(_ name: String, count: Int = 20) throws -> Prepared {
        let float: Graph
        let rows: [[Float]]
        if let reference = try ReferenceModels.model(named: name) {
            float = try Pipeline.standard(reference)
            rows = ReferenceModels.samples(for: float, count: max(count, 32))
        } else {
            let dir = packageRoot.appendingPathComponent("Examples/\(name)")
            float = try Pipeline.standard(ModelFile.load(path: dir.appendingPathComponent("\(name).json").path))
            rows = try CSVData(path: dir.appendingPathComponent("calibration.csv").path).rows
        }
        let calibration = try Calibration.collect(graph: float, samples: rows)
        let q = try Quantizer.quantize(graph: float, calibration: calibration, scheme: .int8)
        let inputs = try rows.prefix(count).map { try q.quantizeInput($0) }
        return Prepared(name: CSyntax.identifier(name).lowercased(), graph: q, inputs: inputs)
    }

    /// What the host integer emulator outputs for each input.
    static func expected(_ p: Prepared) throws -> [[Int32]] {
        let interpreter = try IntegerInterpreter(graph: p.graph)
        return try p.inputs.map { try interpreter.run($0) }
    }

    /// Emits the model as C and builds the runner firmware for `board`.
    static func firmware(_ p: Prepared, board: Board, optimization: FirmwareBuilder.Optimization = .speed,
                         layerHooks: Bool = false, defines: [String] = []) throws -> URL {
        let c = try CEmitter.emit(graph: p.graph, name: p.name)
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("smelt-board-model-\(UUID().uuidString)", isDirectory: true)
        let files = try c.write(to: dir)
        let tag = optimization == .speed ? "O2" : "Os"
        return try FirmwareBuilder().buildModelRunner(
            modelName: c.name, header: files[0], sources: [files[1]], board: board, optimization: optimization,
            layerHooks: layerHooks, defines: defines, extraFlags: ["-Werror"],
            output: dir.appendingPathComponent("\(c.name)-\(board.name)-\(tag).elf"))
    }

    /// Runs every input of `p` in one QEMU run of `elf` and returns the output rows.
    static func run(_ p: Prepared, elf: URL, board: Board, timeout: Double = 120) throws -> [[Int32]] {
        let size = p.graph.inputs.first.flatMap { p.graph.tensor($0)?.elementCount } ?? 0
        let input = try SampleFile.encode(samples: p.inputs, inputSize: size, elementBytes: 1)
        return try QEMURunner().run(elf: elf, board: board, input: input, timeout: timeout)
            .requireRows(elf: elf.lastPathComponent)
    }
}
