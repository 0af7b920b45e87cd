import Foundation
import SmeltIR

extension Catalog {
    /// What `add` stored.
    public enum Added: Sendable, Equatable {
        case model(String)
        case device(String)
        case board(String)
    }

    /// Validates the description in `file` (a model or a device, told apart by `type` or by the
    /// file suffix, or a `board.json`) and copies it into the catalog as `models/NAME.model.jsonld`,
    /// `devices/NAME.device.jsonld` or `boards/NAME/board.json`. Nothing is written unless the description is valid; an
    /// existing entry of the same name is replaced only with `replace`. The write is atomic.
    @discardableResult
    public mutating func add(file: URL, replace: Bool = false) throws -> Added {
        let json = try Catalog.readJSON(file)
        if file.lastPathComponent == "board.json" || file.lastPathComponent.hasSuffix(".board.json") {
            let b = try BoardSpec.decode(json, file: file.path)
            if let existing = boards[b.name], existing.bundled || !replace {
                throw catalogError(file.path, "field \"name\": board \"\(b.name)\" is already \(existing.bundled ? "bundled with Smelt" : "in the catalog (use --replace)")")
            }
            try write(b.json, to: directory.appendingPathComponent("boards/\(b.name)/board.json"))
            boards[b.name] = b
            return .board(b.name)
        }
        let isModel: Bool
        switch json["type"] {
        case .string("NeuralNetwork")?: isModel = true
        case .array(let types)? where types.contains(.string("td:Thing")): isModel = false
        case nil:
            if file.lastPathComponent.hasSuffix(".model.jsonld") { isModel = true }
            else if file.lastPathComponent.hasSuffix(".device.jsonld") { isModel = false }
            else { throw catalogError(file.path, "field \"type\": missing (\"NeuralNetwork\" for a model, [\"td:Thing\", \"sosa:Platform\"] for a device)") }
        case let t?:
            throw catalogError(file.path, "field \"type\": \(t) is neither \"NeuralNetwork\" nor [\"td:Thing\", \"sosa:Platform\"]")
        }
        if isModel {
            let m = try ModelDescription.decode(json, file: file.path)
            if !replace, models.contains(where: { $0.name == m.name }) {
                throw catalogError(file.path, "field \"name\": model \"\(m.name)\" is already in the catalog (use --replace)")
            }
            try write(m.json, to: directory.appendingPathComponent("models/\(m.name).model.jsonld"))
            models.removeAll { $0.name == m.name }
            models.append(m)
            models.sort { $0.name < $1.name }
            return .model(m.name)
        }
        let d = try validated(DeviceDescription.decode(json, file: file.path), file: file.path)
        if !replace, devices.contains(where: { $0.name == d.name }) {
            throw catalogError(file.path, "field \"name\": device \"\(d.name)\" is already in the catalog (use --replace)")
        }
        try write(d.json, to: directory.appendingPathComponent("devices/\(d.name).device.jsonld"))
        devices.removeAll { $0.name == d.name }
        devices.append(d)
        devices.sort { $0.name < $1.name }
        return .device(d.name)
    }

    /// Writes `json` to a temporary file beside `target` and renames it into place.
    private func write(_ json: JSON, to target: URL) throws {
        let dir = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let temp = dir.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString)")
            try Data(json.printed().utf8).write(to: temp)
            guard rename(temp.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temp)
                throw SmeltError("\(target.path): cannot write (errno \(errno))")
            }
        } catch let e as SmeltError {
            throw e
        } catch {
            throw SmeltError("\(target.path): cannot write: \(error.localizedDescription)")
        }
    }
}
