import Foundation
import SmeltCodegen
import SmeltIR

/// Code bytes of generated C, measured by compiling it (`-Os -c`) and summing the sizes of the
/// function symbols `nm` lists (kernels and `NAME_invoke`; weights, tables and params structs
/// are data, reported separately by the compile report). Used by `smelt compile`'s report and by
/// `smelt bench-share code-size`.
enum CodeBytes {
    /// A compiler, its `nm`, and a label for the report.
    struct Toolchain {
        var label: String
        var compiler: [String]
        var nm: String
        var size: String

        static let host = Toolchain(label: "host cc -Os", compiler: ["cc"], nm: "nm", size: "size")
        static let cortexM0 = Toolchain(label: "arm-none-eabi-gcc -Os -mcpu=cortex-m0", compiler: ["arm-none-eabi-gcc", "-mcpu=cortex-m0", "-mthumb"],
                                        nm: "arm-none-eabi-nm", size: "arm-none-eabi-size")

        /// Whether the compiler runs.
        var isAvailable: Bool { (try? CodeBytes.execute([compiler[0], "--version"])) != nil }
    }

    /// Compiles `c` to an object file in a temporary folder and returns `nm -S` lines and `size` output.
    static func compile(_ c: GeneratedC, with tool: Toolchain) throws -> (nm: [Substring], size: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(c.header.utf8).write(to: dir.appendingPathComponent("\(c.name).h"))
        try Data(c.source.utf8).write(to: dir.appendingPathComponent("\(c.name).c"))
        let obj = dir.appendingPathComponent("\(c.name).o").path
        _ = try execute(tool.compiler + ["-std=c99", "-Os", "-c", "-I", dir.path, dir.appendingPathComponent("\(c.name).c").path, "-o", obj])
        return (try execute([tool.nm, "-S", "--size-sort", obj]).split(separator: "\n"), try execute([tool.size, obj]))
    }

    /// Bytes of function symbols in `nm -S` output lines.
    static func functionBytes(_ nm: [Substring]) -> Int {
        nm.reduce(0) { total, line in
            let parts = line.split(separator: " ")
            guard parts.count == 4, parts[2].lowercased() == "t", let bytes = Int(parts[1], radix: 16) else { return total }
            return total + bytes
        }
    }

    /// One report line per available toolchain: `code: 1608 B (arm-none-eabi-gcc ...), shared kernels`.
    static func reportLines(_ c: GeneratedC, specialized: Bool) -> [String] {
        let how = specialized ? "shape-specialized layers" : "shared kernels + params structs"
        var lines: [String] = []
        for tool in [Toolchain.host, .cortexM0] where tool.isAvailable {
            if let r = try? compile(c, with: tool) {
                lines.append("code: \(functionBytes(r.nm)) B of functions (\(tool.label)), \(how)")
            }
        }
        return lines.isEmpty ? ["code: not measured (no C compiler found)"] : lines
    }

    /// Runs a tool and returns its standard output; a failure is a `SmeltError` with its stderr.
    static func execute(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw SmeltError("\(args[0]) failed (\(p.terminationStatus)): \(String(decoding: e, as: UTF8.self).prefix(400))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
