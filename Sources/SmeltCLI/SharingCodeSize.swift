import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltPasses
import SmeltQuant

/// Code size of shared ConvMixers of different depths (issue 5's acceptance): each model is
/// generated as C, compiled to an object file with `-Os`, and its symbols are measured with `nm`.
///
/// Symbols are split into **code** (functions: the kernels and `NAME_invoke`), **weights** (the
/// weight and bias arrays), and **layer parameters** (the `_lN_params` structs and the per-layer
/// multiplier/shift arrays). With shared code, a deeper model adds layer parameters and a few
/// instructions per layer call in `NAME_invoke`, but no kernel code.
struct SharingCodeSize {
    struct Figures {
        var blocks: Int
        var code: Int
        var invoke: Int
        var weights: Int
        var layerParameters: Int
        /// `size`'s text column (code + read-only data).
        var text: Int
    }

    let width: Int
    let specialize: Bool
    let compiler: [String]
    let nm: String
    let size: String

    /// A shared ConvMixer of `blocks` blocks, folded and quantized to int8 on fixed random inputs.
    static func quantizedModel(width: Int, blocks: Int) throws -> Graph {
        let g = try Pipeline.standard(ConvMixerModel.withRandomStatistics(
            ConvMixerModel.graph(input: [8, 8, 1], width: width, blocks: blocks, classes: 10, shared: true, seed: 1), seed: 3))
        var rng = SplitMix64(seed: 7)
        let rows = (0..<32).map { _ in (0..<64).map { _ in Float(rng.next() >> 40) / Float(1 << 24) } }
        return try Quantizer.quantize(graph: g, calibration: Calibration.collect(graph: g, samples: rows), scheme: .int8)
    }

    func measure(blocks: Int) throws -> Figures {
        let q = try Self.quantizedModel(width: width, blocks: blocks)
        let c = try CEmitter.emit(graph: q, name: "mixer", options: EmitOptions(specialize: specialize))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(c.header.utf8).write(to: dir.appendingPathComponent("mixer.h"))
        try Data(c.source.utf8).write(to: dir.appendingPathComponent("mixer.c"))
        let obj = dir.appendingPathComponent("mixer.o").path
        _ = try Self.execute(compiler + ["-std=c99", "-Os", "-c", "-I", dir.path, dir.appendingPathComponent("mixer.c").path, "-o", obj])
        var f = Figures(blocks: blocks, code: 0, invoke: 0, weights: 0, layerParameters: 0, text: 0)
        for line in try Self.execute([nm, "-S", "--size-sort", obj]).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 4, let bytes = Int(parts[1], radix: 16) else { continue }
            let (kind, name) = (parts[2].lowercased(), String(parts[3]))
            if kind == "t" {
                f.code += bytes
                if name.hasSuffix("_invoke") { f.invoke = bytes }
            } else if kind == "r" || kind == "d" {
                if name.range(of: #"_l[0-9]+_(params|multiplier|shift)"#, options: .regularExpression) != nil {
                    f.layerParameters += bytes
                } else if !name.hasSuffix("_arena") {
                    f.weights += bytes
                }
            }
        }
        let sizeLines = try Self.execute([size, obj]).split(separator: "\n")
        if sizeLines.count > 1, let t = Int(sizeLines[1].split(separator: "\t").first?.trimmingCharacters(in: .whitespaces) ?? "") { f.text = t }
        return f
    }

    /// Runs a tool and returns its standard output; a failure is a `SmeltError` with its stderr.
    static func execute(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw SmeltError("\(args[0]) failed (\(p.terminationStatus)): \(String(decoding: e, as: UTF8.self).prefix(400))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
