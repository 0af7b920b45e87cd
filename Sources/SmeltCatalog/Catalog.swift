import Foundation
import SmeltIR

/// A catalog folder: `models/*.model.jsonld`, `devices/*.device.jsonld` and optional extra boards
/// `boards/NAME/board.json`. Bundled boards are always known. Loading validates everything and
/// names the file and field of the first problem.
public struct Catalog: Sendable {
    public var directory: URL
    public var models: [ModelDescription]
    public var devices: [DeviceDescription]
    /// Bundled boards and the catalog's own, by name.
    public var boards: [String: BoardSpec]

    /// Loads the catalog in `directory` (missing sub-folders are empty).
    public static func load(_ directory: URL) throws -> Catalog {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw SmeltError("\(directory.path): catalog folder not found")
        }
        var boards: [String: BoardSpec] = [:]
        for b in try BoardSpec.bundledBoards() { boards[b.name] = b }
        for file in try files(in: directory.appendingPathComponent("boards"), suffix: nil) {
            let board = file.appendingPathComponent("board.json")
            guard FileManager.default.fileExists(atPath: board.path) else { continue }
            let spec = try BoardSpec.decode(try readJSON(board), file: board.path)
            guard spec.name == file.lastPathComponent else {
                throw catalogError(board.path, "field \"name\": \"\(spec.name)\" differs from its folder name \"\(file.lastPathComponent)\"")
            }
            if let existing = boards[spec.name], existing.bundled {
                throw catalogError(board.path, "field \"name\": board \"\(spec.name)\" is already bundled with Smelt")
            }
            boards[spec.name] = spec
        }
        var catalog = Catalog(directory: directory, models: [], devices: [], boards: boards)
        for file in try files(in: directory.appendingPathComponent("models"), suffix: ".model.jsonld") {
            let m = try ModelDescription.decode(try readJSON(file), file: file.path)
            try catalog.checkFileName(file, name: m.name, suffix: ".model.jsonld")
            catalog.models.append(m)
        }
        for file in try files(in: directory.appendingPathComponent("devices"), suffix: ".device.jsonld") {
            let d = try catalog.validated(DeviceDescription.decode(try readJSON(file), file: file.path), file: file.path)
            try catalog.checkFileName(file, name: d.name, suffix: ".device.jsonld")
            catalog.devices.append(d)
        }
        return catalog
    }

    /// The model called `name`, or an error listing the known ones.
    public func model(_ name: String) throws -> ModelDescription {
        guard let m = models.first(where: { $0.name == name }) else {
            throw SmeltError("\(directory.path): no model \"\(name)\" in the catalog (models: \(models.map(\.name).joined(separator: ", ")))")
        }
        return m
    }

    /// The device called `name`, or an error listing the known ones.
    public func device(_ name: String) throws -> DeviceDescription {
        guard let d = devices.first(where: { $0.name == name }) else {
            throw SmeltError("\(directory.path): no device \"\(name)\" in the catalog (devices: \(devices.map(\.name).joined(separator: ", ")))")
        }
        return d
    }

    /// The board of `device` (always present in a loaded catalog).
    public func board(of device: DeviceDescription) -> BoardSpec { boards[device.board]! }

    /// Boards that devices use, sorted by name.
    public var usedBoards: [BoardSpec] { Set(devices.map(\.board)).sorted().compactMap { boards[$0] } }

    /// Checks a device against the catalog's boards.
    func validated(_ d: DeviceDescription, file: String) throws -> DeviceDescription {
        guard boards[d.board] != nil else {
            throw catalogError(file, "field \"board\": unknown board \"\(d.board)\" (known: \(boards.keys.sorted().joined(separator: ", ")))")
        }
        return d
    }

    private func checkFileName(_ file: URL, name: String, suffix: String) throws {
        guard file.lastPathComponent == name + suffix else {
            throw catalogError(file.path, "field \"name\": \"\(name)\" does not match the file name (expected \(name + suffix))")
        }
    }

    /// Sorted entries of `dir` ending in `suffix` (all entries when `nil`); none when `dir` is absent.
    static func files(in dir: URL, suffix: String?) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: dir.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { !$0.hasPrefix(".") && (suffix.map($0.hasSuffix) ?? true) }
            .sorted().map { dir.appendingPathComponent($0) }
    }

    static func readJSON(_ file: URL) throws -> JSON {
        guard let data = FileManager.default.contents(atPath: file.path) else { throw SmeltError("\(file.path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw SmeltError("\(file.path): not UTF-8 text") }
        return try JSONReader.parse(text, path: file.path)
    }
}
