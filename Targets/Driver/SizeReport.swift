import Foundation
import SmeltIR

/// Flash and RAM use of an ELF, from `arm-none-eabi-size` (Berkeley format: text, data, bss).
///
/// flash = text + data (the initial values of .data live in flash), RAM = data + bss. The stack
/// is not counted: each `link.ld` keeps at least `SMELT_MIN_STACK` bytes free for it.
/// Example: text 9000, data 100, bss 15000 on cortex-m0 (256 KiB / 16 KiB) gives flash 9100
/// (3.5 %), RAM 15100 (92.2 %).
public struct SizeReport: Sendable, Equatable {
    public var text: Int
    public var data: Int
    public var bss: Int

    public init(text: Int, data: Int, bss: Int) {
        self.text = text
        self.data = data
        self.bss = bss
    }

    /// Bytes of flash the firmware needs.
    public var flashBytes: Int { text + data }
    /// Bytes of RAM the firmware needs before the stack.
    public var ramBytes: Int { data + bss }

    /// Runs `arm-none-eabi-size` on `elf`.
    public static func measure(elf: URL, toolchain: Toolchain = .find()) throws -> SizeReport {
        let size = try toolchain.require(Toolchain.sizeName)
        let outcome = try ChildProcess.run(size, ["-B", elf.path], timeout: 60)
        guard outcome.status == 0 else {
            throw SmeltError("\(elf.path): arm-none-eabi-size failed: \(outcome.stderrText.split(separator: "\n").first ?? "")")
        }
        return try parse(outcome.stdoutText, path: elf.path)
    }

    /// Parses Berkeley output: a header line, then `text data bss dec hex filename`.
    public static func parse(_ text: String, path: String) throws -> SizeReport {
        let lines = text.split(separator: "\n")
        guard lines.count >= 2 else { throw SmeltError("\(path): unexpected arm-none-eabi-size output") }
        let fields = lines[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }
        guard fields.count >= 3 else { throw SmeltError("\(path): unexpected arm-none-eabi-size output") }
        return SizeReport(text: fields[0], data: fields[1], bss: fields[2])
    }

    /// Share of the board's flash used, 0...1 (more than 1 when it does not fit).
    public func flashShare(of board: Board) -> Double { Double(flashBytes) / Double(board.flashBytes) }
    /// Share of the board's RAM used, 0...1 (more than 1 when it does not fit).
    public func ramShare(of board: Board) -> Double { Double(ramBytes) / Double(board.ramBytes) }

    /// Compares with the board's physical flash and RAM.
    public func fit(on board: Board) -> Fit {
        Fit(board: board.name, flashShortfall: max(0, flashBytes - board.flashBytes),
            ramShortfall: max(0, ramBytes - board.ramBytes))
    }

    /// Throws a one-line error naming the shortfalls when the firmware does not fit `board`.
    public func requireFit(on board: Board, path: String) throws {
        let fit = fit(on: board)
        if !fit.fits { throw SmeltError("\(path): \(fit.description)") }
    }

    /// The outcome of a fit check: how many bytes are missing, per memory.
    public struct Fit: Sendable, Equatable, CustomStringConvertible {
        public var board: String
        /// Bytes by which flash use exceeds the board's flash, 0 when it fits.
        public var flashShortfall: Int
        /// Bytes by which RAM use exceeds the board's RAM, 0 when it fits.
        public var ramShortfall: Int

        public var fits: Bool { flashShortfall == 0 && ramShortfall == 0 }

        public var description: String {
            if fits { return "fits \(board)" }
            var parts: [String] = []
            if flashShortfall > 0 { parts.append("flash short by \(flashShortfall) bytes") }
            if ramShortfall > 0 { parts.append("RAM short by \(ramShortfall) bytes") }
            return "does not fit \(board): " + parts.joined(separator: ", ")
        }
    }
}
