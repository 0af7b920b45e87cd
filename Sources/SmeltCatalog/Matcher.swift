/// Why a model cannot run on a device.
public enum Rejection: Sendable, Equatable, CustomStringConvertible {
    /// The board's flash is this many bytes short of the model's `flashBytes`.
    case flashShort(Int)
    /// The board's RAM is this many bytes short of the model's `ramBytes` (arena + training buffers).
    case ramShort(Int)
    /// The model has a float32 training step and the board has no FPU.
    case noFPU
    /// No sensor of this kind on the device.
    case missingSensor(String)

    public var description: String {
        switch self {
        case .flashShort(let n): return "flash short by \(n) bytes"
        case .ramShort(let n): return "RAM short by \(n) bytes"
        case .noFPU: return "no FPU for a float training step"
        case .missingSensor(let k): return "missing sensor \(k)"
        }
    }

    /// Short machine name: `flash`, `ram`, `fpu`, `sensor` (the names the SPARQL query returns).
    public var kind: String {
        switch self {
        case .flashShort: return "flash"
        case .ramShort: return "ram"
        case .noFPU: return "fpu"
        case .missingSensor: return "sensor"
        }
    }

    /// The figure or name that goes with `kind`: bytes short, the sensor kind, or "" for `fpu`.
    public var detail: String {
        switch self {
        case .flashShort(let n), .ramShort(let n): return String(n)
        case .noFPU: return ""
        case .missingSensor(let k): return k
        }
    }
}

/// The verdict for one model on one device: it fits when there is no rejection.
public struct Match: Sendable, Equatable {
    public var model: String
    public var device: String
    public var board: String
    public var rejections: [Rejection]
    public var fits: Bool { rejections.isEmpty }
}

/// Matches models and devices: a model runs on a device when the board has at least the model's
/// flash and RAM, an FPU if the model has a float32 training step, and a sensor of every kind the
/// input needs. Every failing condition is reported, in that order.
public enum Matcher {
    /// Every reason `model` cannot run on `device` with `board` (empty: it fits).
    public static func rejections(model: ModelDescription, device: DeviceDescription, board: BoardSpec) -> [Rejection] {
        var out: [Rejection] = []
        if board.flashBytes < model.flashBytes { out.append(.flashShort(model.flashBytes - board.flashBytes)) }
        if board.ramBytes < model.ramBytes { out.append(.ramShort(model.ramBytes - board.ramBytes)) }
        if model.training?.arithmetic == "float32", !board.fpu { out.append(.noFPU) }
        let present = Set(device.sensors.map(\.kind))
        for kind in model.requiredSensorKinds where !present.contains(kind) { out.append(.missingSensor(kind)) }
        return out
    }

    /// `model` against every device of `catalog`, in device order.
    public static func devices(for model: ModelDescription, in catalog: Catalog) -> [Match] {
        catalog.devices.map { d in
            Match(model: model.name, device: d.name, board: d.board,
                  rejections: rejections(model: model, device: d, board: catalog.board(of: d)))
        }
    }

    /// Every model of `catalog` against `device`, in model order.
    public static func models(for device: DeviceDescription, in catalog: Catalog) -> [Match] {
        catalog.models.map { m in
            Match(model: m.name, device: device.name, board: device.board,
                  rejections: rejections(model: m, device: device, board: catalog.board(of: device)))
        }
    }
}
