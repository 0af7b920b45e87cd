import Foundation

/// Compiles C files with a host compiler and runs the program with stdin, for tests.
///
/// Reusable: `CCompiler.available` lists the compilers found (`cc`, and clang when present);
/// `build(files:compiler:)` compiles `-std=c99 -Wall -Wextra -Werror -pedantic` into a
/// temporary folder; `run(_:stdin:)` feeds text on stdin and returns stdout.
struct CCompiler: CustomStringConvertible, Sendable {
    let path: String
    var description: String { URL(fileURLWithPath: path).lastPathComponent }

    static let strictFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1"]

    /// Host compilers present on this machine: `cc`, then clang (PATH or the Swift toolchain's).
    static let available: [CCompiler] = {
        var found: [CCompiler] = []
        for candidate in ["/usr/bin/cc", "/usr/bin/clang", "/opt/swift/usr/bin/clang"] {
            if FileManager.default.isExecutableFile(atPath: candidate),
               !(candidate.hasSuffix("clang") && found.contains { $0.path.hasSuffix("clang") }) {
                found.append(CCompiler(path: candidate))
            }
        }
        return found
    }()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `files` (name → contents) into a fresh temporary folder, compiles every `.c` among
    /// them into one executable and returns its path. Compiler diagnostics become the error.
    func build(files: [String: String], extraFlags: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        let exe = dir.appendingPathComponent("a.out")
        let sources = files.keys.filter { $0.hasSuffix(".c") }.sorted().map { dir.appendingPathComponent($0).path }
        let result = try Self.execute(path, Self.strictFlags + extraFlags + ["-I", dir.path, "-o", exe.path] + sources)
        guard result.status == 0 else {
            throw Failure(description: "\(self) failed (\(result.status)):\n\(result.stderr)\(result.stdout)")
        }
        return exe
    }

    /// Compiles one translation unit `main` (with the other `files` beside it as headers) to an
    /// object file, for cross compilers that cannot link a host program. Returns the object's path.
    func object(main: String, files: [String: String], extraFlags: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let obj = dir.appendingPathComponent("out.o")
        let result = try Self.execute(path, Self.strictFlags + extraFlags + ["-I", dir.path, "-c", "-o", obj.path, dir.appendingPathComponent(main).path])
        guard result.status == 0 else {
            throw Failure(description: "\(self) failed (\(result.status)):\n\(result.stderr)\(result.stdout)")
        }
        return obj
    }

    /// Runs `executable` with `stdin`; returns stdout, or throws with stderr on a non-zero exit.
    func run(_ executable: URL, stdin: String) throws -> String {
        let result = try Self.execute(executable.path, [], stdin: stdin)
        guard result.status == 0 else {
            throw Failure(description: "\(executable.path) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs a process to completion, feeding stdin from a file so large inputs cannot deadlock.
    static func execute(_ tool: String, _ args: [String], stdin: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let inURL = tmp.appendingPathComponent("in"), outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
        try Data(stdin.utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return (p.terminationStatus, out, err)
    }
}
