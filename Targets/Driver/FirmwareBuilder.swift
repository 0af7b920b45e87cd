import Foundation
import SmeltIR

/// Compiles and links C sources into a Cortex-M ELF for a board with arm-none-eabi-gcc.
///
/// One gcc call: the board's `gccFlags`, `-std=c99`, the optimization level, section GC
/// (`-ffunction-sections -fdata-sections -Wl,--gc-sections`), `-nostartfiles` with Smelt's own
/// `startup.c` and `semihost.c`, newlib-nano and nosys specs (only for `memcpy`/`memset`, libgcc's
/// division helpers), the board's `link.ld`. A linker overflow becomes one line with the shortfall:
/// `firmware.elf: does not fit cortex-m0: region RAM overflowed by 1234 bytes`.
public struct FirmwareBuilder: Sendable {
    /// Optimization levels Smelt builds with.
    public enum Optimization: String, Sendable, CaseIterable {
        /// `-O2`: speed.
        case speed = "-O2"
        /// `-Os`: size.
        case size = "-Os"
    }

    public var toolchain: Toolchain

    public init(toolchain: Toolchain = .find()) { self.toolchain = toolchain }

    /// Builds `sources` (plus the board's startup and semihosting code) into `output` and returns it.
    ///
    /// - Parameters:
    ///   - includeDirs: extra `-I` folders (the common board folder is always included).
    ///   - defines: `-D` values, e.g. `["SMELT_LAYER_BEGIN(i)=smelt_layer_mark(i)"]`.
    ///   - extraFlags: appended last, so they override the board's flags (`-mcpu=...`, `-Werror`).
    @discardableResult
    public func build(
        sources: [URL], includeDirs: [URL] = [], board: Board, optimization: Optimization = .speed,
        defines: [String] = [], extraFlags: [String] = [], output: URL
    ) throws -> URL {
        let gcc = try toolchain.require(Toolchain.gccName)
        let common = try BoardSupport.commonDirectory()
        for source in sources where !FileManager.default.fileExists(atPath: source.path) {
            throw SmeltError("\(source.path): source file not found")
        }
        try FileManager.default.createDirectory(
            at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        var args = board.gccFlags
        args += ["-std=c99", optimization.rawValue, "-g", "-Wall", "-Wextra",
                 "-ffunction-sections", "-fdata-sections", "-fno-common"]
        args += defines.map { "-D" + $0 }
        args += ["-I", common.path] + includeDirs.flatMap { ["-I", $0.path] }
        args += extraFlags
        args += try BoardSupport.startupSources().map(\.path) + sources.map(\.path)
        args += ["-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs",
                 "-L", common.path, "-T", board.linkerScript.path, "-Wl,--gc-sections",
                 "-o", output.path]
        let outcome = try ChildProcess.run(gcc, args, timeout: 300)
        guard outcome.status == 0, !outcome.timedOut else {
            throw FirmwareBuilder.describeFailure(outcome.stderrText, board: board, output: output)
        }
        return output
    }

    /// Turns gcc's stderr into one line: the region shortfall when the linker reports one, else the first error.
    static func describeFailure(_ stderr: String, board: Board, output: URL) -> SmeltError {
        let lines = stderr.split(separator: "\n").map(String.init)
        let overflows = lines.compactMap { line -> String? in
            guard let range = line.range(of: "region `") ?? line.range(of: "region '") else { return nil }
            let tail = line[range.lowerBound...]
            return tail.contains("overflowed by") ? String(tail).replacingOccurrences(of: "`", with: "")
                .replacingOccurrences(of: "'", with: "") : nil
        }
        if !overflows.isEmpty {
            return SmeltError("\(output.lastPathComponent): does not fit \(board.name): \(overflows.joined(separator: "; "))")
        }
        if let stack = lines.first(where: { $0.contains("SMELT_MIN_STACK") }) {
            return SmeltError("\(output.lastPathComponent): does not fit \(board.name): \(stack.trimmingCharacters(in: .whitespaces))")
        }
        let first = lines.first(where: { $0.contains("error") }) ?? lines.first ?? "unknown error"
        return SmeltError("\(output.lastPathComponent): arm-none-eabi-gcc failed for \(board.name): \(first)")
    }
}
