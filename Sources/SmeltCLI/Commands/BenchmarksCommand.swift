import Foundation
import SmeltIR
import SmeltTargets

/// `smelt benchmarks [-o BENCHMARKS.md]`: the benchmark table over the example and reference models.
public struct BenchmarksCommand: Command {
    public init() {}
    public let name = "benchmarks"
    public let summary = "Benchmark the example and reference models on Cortex-M0/M4/M7; write BENCHMARKS.md."
    public let discussion = """
        Measures, as 'smelt bench' does, every model of the suite on every core: the Examples models
        (sine, digits; calibrated on their calibration.csv) and the reference shapes (autoencoder,
        ds-cnn; random weights) on Cortex-M0 at -Os (mps2-an385 memory map) and Cortex-M4 and M7 at
        -O2. Writes a Markdown report: instructions, instructions per MAC, text/data/bss, arena, fit
        on the micro:bit, per-layer counts, and the CMSIS-NN reference figures with Smelt's ratio.
        Run from the repository root (the Examples paths are relative). A progress line is printed
        per model and core; counting is slow (the DS-CNN takes minutes per core).
        """
    public let signature = CommandSignature(
        options: [
            .value("output", short: "o", valueName: "FILE", help: "where to write the report (default BENCHMARKS.md)"),
            .value("model", valueName: "NAME", help: "only this model: " + BenchmarkSuite.models.map(\.label).joined(separator: ", "), repeatable: true),
            .value("core", valueName: "CORE", help: "only this core: cortex-m0, cortex-m4, cortex-m7", repeatable: true),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let out = arguments.value("output") ?? "BENCHMARKS.md"
        let labels = BenchmarkSuite.models.map(\.label)
        for m in arguments.values("model") where !labels.contains(m) {
            throw UsageError("--model must be one of \(labels.joined(separator: ", ")), got '\(m)'")
        }
        let coreNames = BenchmarkSuite.cores.map { BenchmarkSuite.core(of: $0.board) }
        for c in arguments.values("core") where !coreNames.contains(c) {
            throw UsageError("--core must be one of \(coreNames.joined(separator: ", ")), got '\(c)'")
        }
        let models = BenchmarkSuite.models.filter { arguments.values("model").isEmpty || arguments.values("model").contains($0.label) }
        let cores = BenchmarkSuite.cores.filter { arguments.values("core").isEmpty || arguments.values("core").contains(BenchmarkSuite.core(of: $0.board)) }
        let toolchain = Toolchain.find()
        _ = try toolchain.require(Toolchain.gccName)
        _ = try toolchain.require(Toolchain.qemuName)
        let micro = try Board.load("cortex-m0")
        var results: [ModelBenchmark] = []
        var fits: [String: SizeReport.Fit] = [:]
        for entry in models {
            var options = CompileOptions()
            options.calibrationPath = entry.calibration
            options.name = entry.label
            let compiled = try ModelSource.compile(entry.model, options: options)
            let sample = try BenchCommand.sample(compiled, model: entry.model, input: nil, options: options)
            for (boardName, optimization) in cores {
                let board = try Board.load(boardName)
                let start = Date()
                let b = try ModelBenchmark.measure(compiled, modelLabel: entry.label, board: board, optimization: optimization,
                                                   sample: sample, toolchain: toolchain)
                if board.core == "cortex-m0" { fits[entry.label] = b.size.fit(on: micro) }
                results.append(b)
                console.line(String(format: "%@ on %@ %@: %@ instructions (%.2f per MAC), text %@ B, arena %@ B [%.0f s]",
                                    entry.label, board.core, optimization.rawValue, NumberFormat.grouped(b.instructions), b.instructionsPerMAC,
                                    NumberFormat.grouped(b.size.text), NumberFormat.grouped(b.report.arenaBytes), Date().timeIntervalSince(start)))
            }
        }
        var command = "smelt benchmarks"
        if !arguments.values("model").isEmpty || !arguments.values("core").isEmpty {
            command += arguments.values("model").map { " --model \($0)" }.joined() + arguments.values("core").map { " --core \($0)" }.joined()
        }
        let text = BenchmarkSuite.markdown(results, fits: fits, toolchain: Self.gccVersion(toolchain), command: command)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw SmeltError("\(out): cannot write the report")
        }
        console.line("wrote \(out)")
        return 0
    }

    /// `arm-none-eabi-gcc 13.2.1` from `--version`'s first line.
    static func gccVersion(_ toolchain: Toolchain) -> String {
        guard let gcc = toolchain.gcc else { return "arm-none-eabi-gcc" }
        let p = Process()
        p.executableURL = gcc
        p.arguments = ["-dumpversion"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "arm-none-eabi-gcc" }
        let v = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        return "arm-none-eabi-gcc \(v)"
    }
}
