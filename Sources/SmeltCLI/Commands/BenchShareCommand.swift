import Foundation
import SmeltIR

/// `smelt bench-share code-size|digits`: the figures of docs/kernel-sharing.md and
/// Examples/kernel-sharing (code bytes of shared models of different depth; the digits table).
public struct BenchShareCommand: Command {
    public init() {}
    public let name = "bench-share"
    public let summary = "Kernel-sharing figures: code bytes by depth, or the digits example table."
    public let discussion = """
        code-size   builds shared ConvMixers (input 8x8x1, --width, int8) with --blocks depths (default
                    2,8), compiles each generated C file with -Os (host cc, and arm-none-eabi-gcc
                    -mcpu=cortex-m0 when installed) and splits `nm` symbol sizes into code (functions),
                    weights, and layer parameters (params structs + per-layer multiplier/shift arrays).
                    --specialize measures shape-specialized code instead of shared kernels.
        digits      trains the ConvMixer (--width, --blocks) on DIR/train.csv unshared and shared
                    (--epochs, Adam --learning-rate, batch 16, seed 1), then shares the trained unshared
                    model with `--mode isomorphic --stages mixer` with and without fine-tuning
                    (epochs/2), quantizes each to int8 with DIR/calibration.csv and prints parameters,
                    generated-C weight bytes and float/int8 accuracy on DIR/test.csv. --out DIR writes
                    the four trained models; --evaluate DIR only measures the models in DIR.
        """
    public let signature = CommandSignature(
        positionals: [.init("WHAT", help: "code-size or digits")],
        options: [
            .value("width", valueName: "C", help: "channels (default 32 for code-size, 64 for digits)"),
            .value("blocks", valueName: "N[,N]", help: "code-size: depths to compare (default 2,8); digits: depth (default 8)"),
            .flag("specialize", help: "code-size: shape-specialized C instead of shared kernels"),
            .value("data", valueName: "DIR", help: "digits: folder with train.csv, test.csv, calibration.csv (default Examples/digits)"),
            .value("epochs", valueName: "N", help: "digits: training epochs (default 6)"),
            .value("learning-rate", valueName: "LR", help: "digits: Adam learning rate (default 0.003)"),
            .value("out", valueName: "DIR", help: "digits: write the trained models here"),
            .value("evaluate", valueName: "DIR", help: "digits: only measure the trained models (*.json) in DIR"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let what = arguments.positional("WHAT") ?? ""
        let blocks = try (arguments.value("blocks") ?? (what == "digits" ? "8" : "2,8")).split(separator: ",").map { s -> Int in
            guard let n = Int(s), (1...64).contains(n) else { throw UsageError("--blocks needs numbers in 1...64, got \"\(s)\"") }
            return n
        }
        switch what {
        case "code-size":
            let width = try arguments.integer("width", in: 1...256) ?? 32
            let specialize = arguments.flag("specialize")
            let toolchains = [CodeBytes.Toolchain.host, .cortexM0].filter(\.isAvailable).map {
                ($0.label, SharingCodeSize(width: width, specialize: specialize, tool: $0))
            }
            if toolchains.count < 2 { console.line("arm-none-eabi-gcc not found: host figures only") }
            for (label, tool) in toolchains {
                console.line("\(label), width \(width), \(arguments.flag("specialize") ? "specialized code" : "shared kernels + params structs"):")
                console.line("blocks   text   code (invoke)   weights   layer params")
                let figures = try blocks.map { try tool.measure(blocks: $0) }
                for f in figures {
                    console.line(String(format: "%6d %6d %6d (%6d) %9d %14d", f.blocks, f.text, f.code, f.invoke, f.weights, f.layerParameters))
                }
                if figures.count >= 2, let a = figures.first, let b = figures.last {
                    let codeDelta = b.code - a.code, paramDelta = b.layerParameters - a.layerParameters
                    console.line("\(b.blocks) vs \(a.blocks) blocks: code +\(codeDelta) B, layer parameters +\(paramDelta) B, text−weights +\((b.text - b.weights) - (a.text - a.weights)) B; code delta \(codeDelta <= paramDelta ? "≤" : ">") parameter delta")
                }
            }
        case "digits":
            let example = SharingExample(
                data: arguments.value("data") ?? "Examples/digits", width: try arguments.integer("width", in: 1...256) ?? 64,
                blocks: blocks[0], epochs: try arguments.integer("epochs", in: 0...1000) ?? 6,
                learningRate: Double(arguments.value("learning-rate") ?? "0.003") ?? 0.003, console: console)
            if let dir = arguments.value("evaluate") {
                try example.evaluate(directory: dir)
            } else {
                try example.run(out: arguments.value("out"))
            }
        default:
            throw UsageError("WHAT must be code-size or digits, got \"\(what)\"")
        }
        return 0
    }
}
