import Foundation
import SmeltIR
import SmeltTargets

/// A compiled model built into runner firmware for one board (`smelt build`, `run`, `bench`).
public struct TargetFirmware {
    public var model: CompiledModel
    public var board: Board
    public var optimization: FirmwareBuilder.Optimization
    /// The ELF, inside `workDirectory`.
    public var elf: URL
    public var size: SizeReport
    /// A temporary folder holding the C, the config header and the ELF; `remove()` deletes it.
    public var workDirectory: URL

    /// Deletes the work folder.
    public func remove() { try? FileManager.default.removeItem(at: workDirectory) }

    /// The default optimization of a board: `-Os` for Cortex-M0 (small flash), `-O2` otherwise.
    public static func defaultOptimization(for board: Board) -> FirmwareBuilder.Optimization {
        board.core == "cortex-m0" ? .size : .speed
    }

    /// Reads `--optimize speed|size` (default per board).
    static func optimization(_ arguments: ParsedArguments, board: Board) throws -> FirmwareBuilder.Optimization {
        switch try arguments.choice("optimize", of: ["speed", "size", "default"], default: "default") {
        case "speed": return .speed
        case "size": return .size
        default: return defaultOptimization(for: board)
        }
    }

    /// Loads `--target BOARD` as a usage error when unknown.
    static func board(_ arguments: ParsedArguments) throws -> Board {
        guard let name = arguments.value("target") else { throw UsageError("missing --target BOARD") }
        do {
            return try Board.load(name)
        } catch let e as SmeltError {
            throw UsageError(e.message)
        }
    }

    /// Writes the model's C into a fresh folder and builds the runner around it for `board`.
    ///
    /// A model that does not fit the board's physical flash or RAM is refused with both
    /// shortfalls in bytes (`does not fit cortex-m0: flash short by 23,056 bytes`). When the
    /// board's own memory map is too small to link at all, the firmware is linked for a roomier
    /// map of the same core only to measure it, and then refused the same way.
    public static func build(_ model: CompiledModel, board: Board, optimization: FirmwareBuilder.Optimization,
                             layerHooks: Bool, toolchain: Toolchain = .find()) throws -> TargetFirmware {
        guard model.generated.inputCount == 1 else {
            throw SmeltError("model \"\(model.name)\" has \(model.generated.inputCount) inputs; the board runner feeds one input (NAME_invoke), so compile it with `smelt compile` and call \(model.name)_invoke_inputs yourself")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-fw-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        do {
            for f in model.generated.files { try Data(f.contents.utf8).write(to: work.appendingPathComponent(f.name)) }
            let header = work.appendingPathComponent("\(model.name).h")
            let sources = model.generated.singleHeader == nil ? [work.appendingPathComponent("\(model.name).c")] : []
            let builder = FirmwareBuilder(toolchain: toolchain)
            func link(_ b: Board) throws -> URL {
                try builder.buildModelRunner(modelName: model.name, header: header, sources: sources, board: b,
                                             optimization: optimization, layerHooks: layerHooks,
                                             output: work.appendingPathComponent("\(model.name)-\(b.name).elf"))
            }
            let elf: URL
            do {
                elf = try link(board)
            } catch let e as SmeltError where e.message.contains("does not fit") {
                guard let roomy = try Board.all().first(where: {
                    $0.core == board.core && $0.qemuFlashBytes > board.qemuFlashBytes && $0.qemuRamBytes >= board.qemuRamBytes
                }) else { throw e }
                let measured = try SizeReport.measure(elf: try link(roomy), toolchain: toolchain)
                throw SmeltError("\(model.name): \(measured.fit(on: board).description) (needs flash \(NumberFormat.grouped(measured.flashBytes)) B of \(NumberFormat.grouped(board.flashBytes)), RAM \(NumberFormat.grouped(measured.ramBytes)) B of \(NumberFormat.grouped(board.ramBytes)))")
            }
            let size = try SizeReport.measure(elf: elf, toolchain: toolchain)
            let fit = size.fit(on: board)
            guard fit.fits else {
                throw SmeltError("\(model.name): \(fit.description) (needs flash \(NumberFormat.grouped(size.flashBytes)) B of \(NumberFormat.grouped(board.flashBytes)), RAM \(NumberFormat.grouped(size.ramBytes)) B of \(NumberFormat.grouped(board.ramBytes)))")
            }
            return TargetFirmware(model: model, board: board, optimization: optimization, elf: elf, size: size, workDirectory: work)
        } catch {
            try? FileManager.default.removeItem(at: work)
            throw error
        }
    }

    /// `text 9,000  data 100  bss 15,000` and the flash/RAM shares of the board.
    public static func sizeLines(_ size: SizeReport, board: Board) -> String {
        let g = NumberFormat.grouped
        func pct(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }
        return "text \(g(size.text)) B, data \(g(size.data)) B, bss \(g(size.bss)) B\n"
            + "flash \(g(size.flashBytes)) B of \(g(board.flashBytes)) (\(pct(size.flashShare(of: board))))\n"
            + "RAM   \(g(size.ramBytes)) B of \(g(board.ramBytes)) (\(pct(size.ramShare(of: board)))) before the stack\n"
    }

    /// The element size of the model's I/O in bytes (1 for int8, 2 for int16).
    public static func elementBytes(_ model: CompiledModel) throws -> Int {
        try model.quantized.requireTensor(model.quantized.inputs[0]).dtype.byteWidth
    }
}
