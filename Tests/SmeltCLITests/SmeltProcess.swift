import Foundation

/// Runs the built `smelt` executable as a subprocess and captures what it prints.
struct SmeltResult {
    var status: Int32
    var out: String
    var err: String

    /// Non-empty lines of standard error.
    var errLines: [String] { err.split(separator: "\n").map(String.init) }
}

enum SmeltProcess {
    /// The package root, derived from this file's path (`Tests/SmeltCLITests/SmeltProcess.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `smelt` binary: next to the test bundle, else `.build/debug/smelt` in the package root.
    static let executable: URL = {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL {
            var dir = exe.deletingLastPathComponent()
            // macOS: .build/debug/SmeltPackageTests.xctest/Contents/MacOS/SmeltPackageTests
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("smelt"))
                dir = dir.deletingLastPathComponent()
            }
        }
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("smelt"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/smelt"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? packageRoot.appendingPathComponent(".build/debug/smelt")
    }()

    /// Runs `smelt args...` in the package root, optionally feeding `stdin`.
    /// Output goes to temporary files, so a large output cannot block the child on a full pipe.
    static func run(_ args: [String], stdin: String? = nil) throws -> SmeltResult {
        let dir = try TempDir()
        defer { dir.remove() }
        let outPath = try dir.write("stdout", ""), errPath = try dir.write("stderr", "")
        let inPath = try dir.write("stdin", stdin ?? "")
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = packageRoot
        let outFile = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errFile = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = outFile
        p.standardError = errFile
        p.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        try p.run()
        p.waitUntilExit()
        try outFile.close()
        try errFile.close()
        return SmeltResult(
            status: p.terminationStatus,
            out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }
}

/// A fresh temporary directory for one test's fixture files.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let u = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: u)
        return u.path
    }

    /// The path of `name` in the directory (the file need not exist).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
