import Foundation
import SmeltIR

/// A Cortex-M target board, read from `Targets/Boards/<name>/board.json` (a bundle resource).
///
/// `flashBytes` / `ramBytes` describe the physical part and are what fit checks use;
/// `qemuFlashBytes` / `qemuRamBytes` describe the QEMU memory map the firmware is linked for
/// (`link.ld`), which is larger on the MPS2 boards so that an oversized model can still be run.
/// Example: `try Board.load("cortex-m4").flashBytes == 1_048_576`.
public struct Board: Sendable, Equatable {
    /// Folder name and the name users type: `cortex-m0`, `cortex-m0-mps2`, `cortex-m3`, `cortex-m4`, `cortex-m7`.
    public var name: String
    /// The CPU the code is built for (`cortex-m4`).
    public var core: String
    /// The architecture profile of `core` (`armv6-m`, `armv7-m`, `armv7e-m`).
    public var architecture: String
    /// One line naming the physical part the sizes model.
    public var description: String
    /// QEMU's `-M` machine (`mps2-an386`).
    public var qemuMachine: String
    /// Start address of flash (code and constants).
    public var flashOrigin: UInt32
    /// Flash of the physical part, in bytes (fit checks).
    public var flashBytes: Int
    /// Start address of RAM (data, bss, stack).
    public var ramOrigin: UInt32
    /// RAM of the physical part, in bytes (fit checks).
    public var ramBytes: Int
    /// Flash region of the QEMU map the firmware is linked for.
    public var qemuFlashBytes: Int
    /// RAM region of the QEMU map the firmware is linked for.
    public var qemuRamBytes: Int
    /// The core has a floating-point unit (Smelt still builds with `-mfloat-abi=soft`: generated code has no float).
    public var fpu: Bool
    /// The core has the DSP extension (`__ARM_FEATURE_DSP`: SMLAD, QADD, ...).
    public var dsp: Bool
    /// Core clock of the physical part, in Hz (for turning instruction counts into rough times).
    public var clockHz: Int
    /// Code-generation flags for arm-none-eabi-gcc (`-mcpu=cortex-m4 -mthumb -mfloat-abi=soft`).
    public var gccFlags: [String]
    /// The folder holding `board.json` and `link.ld`.
    public var directory: URL

    /// The linker script: FLASH / RAM regions of the QEMU map, then the common `sections.ld`.
    public var linkerScript: URL { directory.appendingPathComponent("link.ld") }

    /// Loads a board by name from the bundled `Boards` folder.
    public static func load(_ name: String) throws -> Board {
        let dir = try Board.boardsDirectory().appendingPathComponent(name, isDirectory: true)
        let file = dir.appendingPathComponent("board.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let known = (try? Board.names().joined(separator: ", ")) ?? "none"
            throw SmeltError("unknown board \"\(name)\" (known boards: \(known))")
        }
        return try Board.decode(try Data(contentsOf: file), directory: dir, path: file.path)
    }

    /// Names of every bundled board, sorted.
    public static func names() throws -> [String] {
        let root = try boardsDirectory()
        let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
        return entries.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("board.json").path)
        }.sorted()
    }

    /// Every bundled board, sorted by name.
    public static func all() throws -> [Board] { try names().map(load) }

    /// The bundled `Boards` folder (resources of SmeltTargets).
    public static func boardsDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Boards", withExtension: nil) else {
            throw SmeltError("SmeltTargets resources: the Boards folder is missing from the bundle")
        }
        return url
    }

    /// Decodes a `board.json`; `path` names the file in errors. Origins are hex strings (`"0x20000000"`).
    public static func decode(_ data: Data, directory: URL, path: String) throws -> Board {
        let raw: BoardFile
        do {
            raw = try JSONDecoder().decode(BoardFile.self, from: data)
        } catch {
            throw SmeltError("\(path): not a valid board description (\(error))")
        }
        func address(_ text: String, _ field: String) throws -> UInt32 {
            let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
            guard let value = UInt32(digits, radix: 16) else {
                throw SmeltError("\(path): \(field) \"\(text)\" is not a hex address")
            }
            return value
        }
        return Board(
            name: raw.name, core: raw.core, architecture: raw.architecture, description: raw.description,
            qemuMachine: raw.qemuMachine, flashOrigin: try address(raw.flashOrigin, "flashOrigin"),
            flashBytes: raw.flashBytes, ramOrigin: try address(raw.ramOrigin, "ramOrigin"), ramBytes: raw.ramBytes,
            qemuFlashBytes: raw.qemuFlashBytes, qemuRamBytes: raw.qemuRamBytes, fpu: raw.fpu, dsp: raw.dsp,
            clockHz: raw.clockHz, gccFlags: raw.gccFlags, directory: directory)
    }
}

/// The on-disk shape of `board.json`.
private struct BoardFile: Decodable {
    var name, core, architecture, description, qemuMachine: String
    var flashOrigin, ramOrigin: String
    var flashBytes, ramBytes, qemuFlashBytes, qemuRamBytes, clockHz: Int
    var fpu, dsp: Bool
    var gccFlags: [String]
}
