import Foundation
import SmeltIR

/// Addresses of the benchmark marker functions in an ELF, read with `arm-none-eabi-nm`.
public struct MarkerSymbols: Sendable, Equatable {
    /// `smelt_bench_begin` entry (Thumb bit cleared, as QEMU's trace prints PCs).
    public var begin: UInt32
    /// `smelt_bench_end` entry.
    public var end: UInt32
    /// `smelt_layer_mark` entry, nil when absent.
    public var layerMark: UInt32?

    /// Reads the marker addresses; throws naming the ELF when `smelt_bench_begin`/`_end` are missing.
    public static func read(elf: URL, toolchain: Toolchain = .find()) throws -> MarkerSymbols {
        let nm = try toolchain.require(Toolchain.nmName)
        let outcome = try ChildProcess.run(nm, [elf.path], timeout: 60)
        guard outcome.status == 0 else {
            throw SmeltError("\(elf.path): arm-none-eabi-nm failed: \(outcome.stderrText.split(separator: "\n").first ?? "")")
        }
        return try parse(outcome.stdoutText, path: elf.path)
    }

    /// Parses `nm` lines such as `000001c5 T smelt_bench_begin`.
    public static func parse(_ text: String, path: String) throws -> MarkerSymbols {
        var table: [String: UInt32] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let value = UInt32(fields[0], radix: 16) else { continue }
            table[String(fields[2])] = value & ~1
        }
        guard let begin = table["smelt_bench_begin"], let end = table["smelt_bench_end"] else {
            throw SmeltError("\(path): no smelt_bench_begin / smelt_bench_end symbols (not built with the Smelt runner?)")
        }
        return MarkerSymbols(begin: begin, end: end, layerMark: table["smelt_layer_mark"])
    }
}
