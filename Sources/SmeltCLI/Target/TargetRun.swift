import Foundation
import SmeltIR
import SmeltQuant
import SmeltTargets

/// `smelt run MODEL|ELF --target BOARD --input FILE`: runs the model's firmware under QEMU.
///
/// MODEL: compiled and built as `smelt build` does; the input rows are real values, quantized with
/// the model's input parameters; the output integers are dequantized (`--raw` prints them as is).
/// ELF (a file ending in `.elf` built by `smelt build`): the input rows are integers and so is the
/// output; the sample size is read from the ELF's `smelt_input` buffer (`--io int16` for int16 models).
/// A fault, lockup or timeout on the target is an error (exit 1), never output.
enum TargetRun {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let model = arguments.positional("MODEL"), let inputPath = arguments.value("input") else {
            throw UsageError("missing MODEL or --input")
        }
        let board = try TargetFirmware.board(arguments)
        let timeout = Double(try arguments.integer("timeout", in: 1...86_400) ?? 60)
        let format = try arguments.choice("format", of: ["csv", "json"], default: "csv")
        let toolchain = Toolchain.find()
        let rows: [[Float]]
        var outputs: [[Float]]
        if (model as NSString).pathExtension.lowercased() == "elf" {
            let elementBytes = try arguments.choice("io", of: ["int8", "int16"], default: "int8") == "int16" ? 2 : 1
            guard FileManager.default.fileExists(atPath: model) else { throw SmeltError("\(model): firmware not found") }
            let (inputBytes, _) = try bufferSizes(elf: model, toolchain: toolchain)
            guard inputBytes % elementBytes == 0 else {
                throw SmeltError("\(model): input buffer of \(inputBytes) bytes is not a whole number of \(elementBytes)-byte elements")
            }
            rows = try InputRows.load(path: inputPath, width: inputBytes / elementBytes)
            let ints = try integers(rows, path: inputPath, elementBytes: elementBytes)
            let result = try execute(elf: URL(fileURLWithPath: model), board: board, samples: ints, width: inputBytes / elementBytes,
                                     elementBytes: elementBytes, timeout: timeout, toolchain: toolchain)
            outputs = result.map { $0.map(Float.init) }
        } else {
            let compiled = try ModelSource.compile(model, options: try CompileCommand.compileOptions(arguments))
            let q = compiled.quantized
            let width = try q.requireTensor(q.inputs[0]).elementCount
            rows = try InputRows.load(path: inputPath, width: width)
            let ints = try rows.map { try q.quantizeInput($0) }
            let firmware = try TargetFirmware.build(compiled, board: board, optimization: try TargetFirmware.optimization(arguments, board: board),
                                                    layerHooks: false, toolchain: toolchain)
            defer { firmware.remove() }
            let result = try execute(elf: firmware.elf, board: board, samples: ints, width: width,
                                     elementBytes: try TargetFirmware.elementBytes(compiled), timeout: timeout, toolchain: toolchain)
            outputs = arguments.flag("raw") ? result.map { $0.map(Float.init) } : try result.map { try q.dequantizeOutput($0) }
        }
        let text = format == "json" ? RunCommand.json(outputs) : RunCommand.csv(outputs)
        try RunCommand.deliver(text, arguments: arguments, console: console)
        return 0
    }

    /// Runs the firmware on the samples; checks the exit status and the number of output rows.
    static func execute(elf: URL, board: Board, samples: [[Int32]], width: Int, elementBytes: Int,
                        timeout: Double, toolchain: Toolchain) throws -> [[Int32]] {
        let data = try SampleFile.encode(samples: samples, inputSize: width, elementBytes: elementBytes)
        let result: RunResult
        do {
            result = try QEMURunner(toolchain: toolchain).run(elf: elf, board: board, input: data, timeout: timeout)
        } catch let e as TargetRunError {
            throw SmeltError(e.description)
        }
        let rows = try result.requireRows(elf: elf.lastPathComponent)
        guard rows.count == samples.count else {
            throw SmeltError("\(elf.lastPathComponent): printed \(rows.count) output rows for \(samples.count) samples")
        }
        return rows
    }

    /// Integer input rows for an ELF: every value must be an integer in the element type's range.
    static func integers(_ rows: [[Float]], path: String, elementBytes: Int) throws -> [[Int32]] {
        let range: ClosedRange<Float> = elementBytes == 1 ? -128...127 : -32768...32767
        return try rows.enumerated().map { k, row in
            try row.enumerated().map { j, v in
                guard v == v.rounded(), range.contains(v) else {
                    throw SmeltError("\(path): row \(k + 1), column \(j + 1): \(NumberFormat.shortest(v)) is not an integer in \(Int(range.lowerBound))...\(Int(range.upperBound)) (an ELF takes quantized inputs)")
                }
                return Int32(v)
            }
        }
    }

    /// Sizes in bytes of the runner's `smelt_input` and `smelt_output` buffers (`arm-none-eabi-nm -S`).
    static func bufferSizes(elf: String, toolchain: Toolchain) throws -> (input: Int, output: Int) {
        let nm = try toolchain.require(Toolchain.nmName)
        let p = Process()
        p.executableURL = nm
        p.arguments = ["-S", elf]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        var sizes: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count == 4, let n = Int(f[1], radix: 16) { sizes[String(f[3])] = n }
        }
        guard p.terminationStatus == 0, let i = sizes["smelt_input"], let o = sizes["smelt_output"] else {
            throw SmeltError("\(elf): not a Smelt runner firmware (no smelt_input / smelt_output buffers)")
        }
        return (i, o)
    }
}
