import Foundation

/// The C files every board shares, from `Targets/Boards/common`.
///
/// `startup.c` (vector table, reset handler, fault reports), `semihost.c` (BKPT 0xAB calls),
/// `runner.c` (the generic model runner) and `sections.ld` (included by each `link.ld`).
public enum BoardSupport {
    /// The folder with the shared sources and headers (`-I` and `-L` for every build).
    public static func commonDirectory() throws -> URL {
        try Board.boardsDirectory().appendingPathComponent("common", isDirectory: true)
    }

    /// Startup and semihosting sources linked into every firmware.
    public static func startupSources() throws -> [URL] {
        let common = try commonDirectory()
        return ["startup.c", "semihost.c"].map { common.appendingPathComponent($0) }
    }

    /// The generic runner (reads `smelt_input.bin`, invokes the model per sample, prints rows).
    public static func runnerSource() throws -> URL {
        try commonDirectory().appendingPathComponent("runner.c")
    }

    /// Exit status of the firmware when a fault handler ran (`smelt-fault: ...` on the console).
    public static let faultExitCode: Int32 = 99

    /// The file name the runner opens in QEMU's working directory.
    public static let inputFileName = "smelt_input.bin"
}
