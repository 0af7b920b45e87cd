import Foundation
import SmeltIR

/// Writes a command's output files into a folder all at once.
///
/// The files go into a temporary sibling folder (`.OUT.smelt-UUID`) first; only when every one is
/// complete are they moved into place (the whole folder renamed when OUT does not exist yet, else
/// each file renamed over its old version). A failure leaves OUT as it was and removes the staging folder.
public enum OutputFolder {
    /// Writes `files` into `directory`; returns their URLs.
    @discardableResult
    public static func write(_ files: [(name: String, contents: Data)], to directory: URL) throws -> [URL] {
        let fm = FileManager.default
        let directory = directory.standardizedFileURL
        let parent = directory.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDir), !isDir.boolValue {
            throw SmeltError("\(directory.path): exists and is not a folder")
        }
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).smelt-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SmeltError("\(parent.path): cannot create the output folder (\(error.localizedDescription))")
        }
        defer { try? fm.removeItem(at: staging) }
        do {
            for f in files { try f.contents.write(to: staging.appendingPathComponent(f.name)) }
        } catch {
            throw SmeltError("\(directory.path): cannot write the output files (\(error.localizedDescription))")
        }
        if !fm.fileExists(atPath: directory.path) {
            guard rename(staging.path, directory.path) == 0 else {
                throw SmeltError("\(directory.path): cannot move the output folder into place (errno \(errno))")
            }
        } else {
            for f in files {
                let target = directory.appendingPathComponent(f.name)
                guard rename(staging.appendingPathComponent(f.name).path, target.path) == 0 else {
                    throw SmeltError("\(target.path): cannot replace the file (errno \(errno))")
                }
            }
        }
        return files.map { directory.appendingPathComponent($0.name) }
    }
}
