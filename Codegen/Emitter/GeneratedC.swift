import Foundation
import SmeltIR

/// The C a model compiles to: `NAME.h` + `NAME.c` (or one single header) and its report.
public struct GeneratedC: Sendable, Equatable {
    /// C identifier of the model: file names and the `name_` symbol prefix.
    public var name: String
    /// `NAME.h`: sizes, quantization macros, `name_io_t` and `name_invoke`.
    public var header: String
    /// `NAME.c`: kernels used, const weights and params, the arena, `name_invoke`.
    public var source: String
    /// Header and implementation in one file, when `EmitOptions.singleHeader` was set.
    public var singleHeader: String?
    public var report: CompileReport
    /// Graph inputs of the entry point: 1 → `name_invoke(input, output)`; more →
    /// `name_invoke_inputs(inputs, output)` with `NAME_NUM_INPUTS` and `NAME_INPUT<i>_SIZE`.
    public var inputCount: Int = 1
    /// The on-device training step, when `EmitOptions.trainable` was set (`report` is then the backbone's).
    public var learnStep: TrainingStepInfo? = nil

    /// Files to write: `NAME.h` and `NAME.c`, or just the single `NAME.h`.
    public var files: [(name: String, contents: String)] {
        if let single = singleHeader { return [("\(name).h", single)] }
        return [("\(name).h", header), ("\(name).c", source)]
    }

    /// Writes `files` into `directory`. They are written into a temporary sibling folder first
    /// and renamed into place only when all are complete, so a failure never leaves a partial
    /// output. Returns the written file URLs.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).smelt-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SmeltError("\(parent.path): cannot create a folder for the generated C: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: staging) }
        do {
            for f in files {
                try Data(f.contents.utf8).write(to: staging.appendingPathComponent(f.name))
            }
            var isDir: ObjCBool = false
            if !fm.fileExists(atPath: directory.path, isDirectory: &isDir) {
                try fm.moveItem(at: staging, to: directory)
            } else {
                guard isDir.boolValue else { throw SmeltError("\(directory.path): exists and is not a folder") }
                for f in files {
                    let target = directory.appendingPathComponent(f.name)
                    let staged = staging.appendingPathComponent(f.name)
                    // rename(2) replaces an existing file atomically.
                    guard rename(staged.path, target.path) == 0 else {
                        throw SmeltError("\(target.path): cannot replace the file (errno \(errno))")
                    }
                }
            }
        } catch let e as SmeltError {
            throw e
        } catch {
            throw SmeltError("\(directory.path): cannot write the generated C: \(error.localizedDescription)")
        }
        return files.map { directory.appendingPathComponent($0.name) }
    }
}
