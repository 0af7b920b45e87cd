import SmeltCatalog

/// Text and JSON renderings of `smelt catalog list` and `smelt catalog match`.
enum CatalogOutput {
    static func listText(_ c: Catalog) -> String {
        var models = TextTable(headers: ["model", "task", "quant", "MACs", "flash B", "RAM B", "training", "sensors"],
                               alignments: [.left, .left, .left, .right, .right, .right, .left, .left])
        for m in c.models {
            models.add([m.name, m.task, m.quantization, "\(m.macs)", "\(m.flashBytes)", "\(m.ramBytes)",
                        m.training.map { "\($0.arithmetic) +\($0.bufferBytes) B" } ?? "-", m.requiredSensorKinds.joined(separator: ",")])
        }
        var devices = TextTable(headers: ["device", "board", "core", "flash B", "RAM B", "FPU", "sensors", "location"],
                                alignments: [.left, .left, .left, .right, .right, .left, .left, .left])
        for d in c.devices {
            let b = c.board(of: d)
            devices.add([d.name, b.name, b.core, "\(b.flashBytes)", "\(b.ramBytes)", b.fpu ? "yes" : "no",
                         d.sensorKinds.joined(separator: ","), d.location.name])
        }
        return "\(c.models.count) models\n" + models.render() + "\n\(c.devices.count) devices\n" + devices.render()
    }

    static func listJSON(_ c: Catalog) -> String {
        JSON.object([
            ("models", .array(c.models.map { m in .object([
                ("name", .string(m.name)), ("task", .string(m.task)), ("macs", .int(m.macs)),
                ("flashBytes", .int(m.flashBytes)), ("ramBytes", .int(m.ramBytes)),
                ("training", m.training.map { .string($0.arithmetic) } ?? .null),
                ("sensors", .array(m.requiredSensorKinds.map { .string($0) })),
            ]) })),
            ("devices", .array(c.devices.map { d in .object([
                ("name", .string(d.name)), ("board", .string(d.board)),
                ("sensors", .array(d.sensorKinds.map { .string($0) })), ("location", .string(d.location.name)),
            ]) })),
        ]).printed()
    }

    static func devicesText(_ ms: [Match], model: String) -> String {
        var out = "model \(model): \(ms.filter(\.fits).count) of \(ms.count) devices can run it\n"
        for m in ms { out += line(m.fits, "\(m.device) (\(m.board))", m.rejections) }
        return out
    }

    static func modelsText(_ ms: [Match], device: String) -> String {
        let board = ms.first?.board ?? ""
        var out = "device \(device) (\(board)): \(ms.filter(\.fits).count) of \(ms.count) models fit\n"
        for m in ms { out += line(m.fits, m.model, m.rejections) }
        return out
    }

    private static func line(_ fits: Bool, _ what: String, _ reasons: [Rejection]) -> String {
        fits ? "  fits  \(what)\n" : "  no    \(what): \(reasons.map(\.description).joined(separator: "; "))\n"
    }

    /// `{"model": ..., "matches": [{"model", "device", "board", "fits", "rejections": [{"reason", "detail", "message"}]}]}`.
    static func matchJSON(_ ms: [Match], model: String?, device: String?) -> String {
        var top: [(String, JSON)] = []
        if let m = model { top.append(("model", .string(m))) }
        if let d = device { top.append(("device", .string(d))) }
        top.append(("matches", .array(ms.map { m in .object([
            ("model", .string(m.model)), ("device", .string(m.device)), ("board", .string(m.board)), ("fits", .bool(m.fits)),
            ("rejections", .array(m.rejections.map { r in .object([
                ("reason", .string(r.kind)), ("detail", .string(r.detail)), ("message", .string(r.description)),
            ]) })),
        ]) })))
        return JSON.object(top).printed()
    }
}
