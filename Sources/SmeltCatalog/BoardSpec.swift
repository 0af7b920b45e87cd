import Foundation
import SmeltIR
import SmeltTargets

/// A board's hardware as the catalog matches on it: the fields of `board.json` that describe the
/// part (core, architecture, clock, flash, RAM, FPU, DSP), without the QEMU / toolchain ones.
///
/// Bundled boards (`Targets/Boards/*/board.json`, read with `Board.load`) and a catalog's own
/// `boards/NAME/board.json` use the same field names; a catalog board may leave out the
/// QEMU and gcc fields because Smelt only matches on it and never builds for it.
public struct BoardSpec: Sendable, Equatable {
    public var name: String
    public var core: String
    public var architecture: String
    public var description: String
    public var clockHz: Int
    public var flashBytes: Int
    public var ramBytes: Int
    public var fpu: Bool
    public var dsp: Bool
    /// `true` for a board bundled with SmeltTargets (Smelt can build and run firmware for it).
    public var bundled: Bool

    /// The hardware fields of a bundled board.
    public init(_ b: Board) {
        self.init(name: b.name, core: b.core, architecture: b.architecture, description: b.description, clockHz: b.clockHz,
                  flashBytes: b.flashBytes, ramBytes: b.ramBytes, fpu: b.fpu, dsp: b.dsp, bundled: true)
    }

    public init(name: String, core: String, architecture: String, description: String, clockHz: Int,
                flashBytes: Int, ramBytes: Int, fpu: Bool, dsp: Bool, bundled: Bool = false) {
        self.name = name; self.core = core; self.architecture = architecture; self.description = description
        self.clockHz = clockHz; self.flashBytes = flashBytes; self.ramBytes = ramBytes; self.fpu = fpu; self.dsp = dsp
        self.bundled = bundled
    }

    /// Reads the hardware fields of a `board.json`; errors name `file` and the field.
    public static func decode(_ json: JSON, file: String) throws -> BoardSpec {
        let f = try Fields(json, file: file)
        let name = try f.string("name")
        guard isIdentifier(name) else { throw f.error("name", "\"\(name)\" must be letters, digits, '_' or '-'") }
        return BoardSpec(name: name, core: try f.string("core"), architecture: try f.string("architecture"),
                         description: try f.string("description"), clockHz: try f.int("clockHz", min: 1),
                         flashBytes: try f.int("flashBytes", min: 0), ramBytes: try f.int("ramBytes", min: 0),
                         fpu: try f.bool("fpu"), dsp: try f.bool("dsp"))
    }

    /// The hardware fields as `board.json` spells them.
    public var json: JSON {
        .object([("name", .string(name)), ("core", .string(core)), ("architecture", .string(architecture)),
                 ("description", .string(description)), ("flashBytes", .int(flashBytes)), ("ramBytes", .int(ramBytes)),
                 ("fpu", .bool(fpu)), ("dsp", .bool(dsp)), ("clockHz", .int(clockHz))])
    }

    /// Every board bundled with SmeltTargets.
    public static func bundledBoards() throws -> [BoardSpec] { try Board.all().map(BoardSpec.init) }
}
