import Foundation
import SmeltIR
import SmeltTargets

/// `smelt build MODEL --target BOARD -o OUT/`: compiles a model into Cortex-M runner firmware.
public struct BuildCommand: Command {
    public init() {}
    public let name = "build"
    public let summary = "Build Cortex-M firmware (an ELF) that runs a model; report its size on the board."
    public let discussion = """
        The model is compiled as 'smelt compile' does (same quantization options), then built with
        arm-none-eabi-gcc together with Smelt's startup code and generic runner into OUT/NAME.elf.
        The runner reads int8 (or int16) samples from the file smelt_input.bin over semihosting and
        prints one line of output integers per sample ('smelt run --target' does this for you).

        BOARDS: cortex-m0 (micro:bit, 256 KiB flash / 16 KiB RAM), cortex-m0-mps2, cortex-m3,
        cortex-m4, cortex-m7 (see Targets/Boards). Optimization: -Os on Cortex-M0, -O2 elsewhere,
        unless --optimize says otherwise.

        SIZE: text / data / bss from arm-none-eabi-size; flash = text + data, RAM = data + bss (the
        stack comes on top), as shares of the board's physical memory. A model that does not fit is
        refused with the flash and RAM shortfalls in bytes, exit 1, and no ELF is written.

        Needs arm-none-eabi-gcc (packages gcc-arm-none-eabi libnewlib-arm-none-eabi).

        EXAMPLE:
          smelt build Examples/digits/digits.json --calibrate Examples/digits/calibration.csv --target cortex-m4 -o fw/
        """
    public let signature = CommandSignature(
        positionals: [.init("MODEL", help: ModelSource.help)],
        options: [.value("target", short: "t", valueName: "BOARD", help: "board: cortex-m0, cortex-m0-mps2, cortex-m3, cortex-m4, cortex-m7", required: true)]
            + CompileCommand.quantizationOptions + [
            .value("output", short: "o", valueName: "OUT", help: "output folder for NAME.elf", required: true),
            .value("name", valueName: "NAME", help: "C name of the model (default: the model file's base name)"),
            .value("optimize", valueName: "speed|size", help: "-O2 or -Os (default: size on Cortex-M0, speed elsewhere)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let model = arguments.positional("MODEL"), let out = arguments.value("output") else {
            throw UsageError("missing MODEL or --output")
        }
        let board = try TargetFirmware.board(arguments)
        let optimization = try TargetFirmware.optimization(arguments, board: board)
        let compiled = try ModelSource.compile(model, options: try CompileCommand.compileOptions(arguments))
        let firmware = try TargetFirmware.build(compiled, board: board, optimization: optimization, layerHooks: false)
        defer { firmware.remove() }
        let written = try OutputFolder.write([("\(compiled.name).elf", try Data(contentsOf: firmware.elf))], to: URL(fileURLWithPath: out))
        console.line("\(model): \(compiled.name) for \(board.name) (\(board.core), \(optimization.rawValue))")
        console.write(TargetFirmware.sizeLines(firmware.size, board: board))
        console.line("arena \(NumberFormat.grouped(compiled.generated.report.arenaBytes)) B, \(NumberFormat.grouped(compiled.generated.report.totalMACs)) MACs per inference")
        console.line("wrote " + written.map { CompileCommand.display($0, under: out) }.joined(separator: ", "))
        return 0
    }
}
