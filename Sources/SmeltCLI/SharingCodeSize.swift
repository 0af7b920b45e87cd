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
    let tool: CodeBytes.Toolchain

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
        let (nmLines, sizeText) = try CodeBytes.compile(c, with: tool)
        var f = Figures(blocks: blocks, code: CodeBytes.functionBytes(nmLines), invoke: 0, weights: 0, layerParameters: 0, text: 0)
        for line in nmLines {
            let parts = line.split(separator: " ")
            guard parts.count == 4, let bytes = Int(parts[1], radix: 16) else { continue }
            let (kind, name) = (parts[2].lowercased(), String(parts[3]))
            if kind == "t" {
                if name.hasSuffix("_invoke") { f.invoke = bytes }
            } else if kind == "r" || kind == "d" {
                if name.range(of: #"_l[0-9]+_(params|multiplier|shift)"#, options: .regularExpression) != nil {
                    f.layerParameters += bytes
                } else if !name.hasSuffix("_arena") {
                    f.weights += bytes
                }
            }
        }
        let sizeLines = sizeText.split(separator: "\n")
        if sizeLines.count > 1, let t = Int(sizeLines[1].split(separator: "\t").first?.trimmingCharacters(in: .whitespaces) ?? "") { f.text = t }
        return f
    }
}
