import Foundation
import SmeltIR
import SmeltLearn
import SmeltPasses
import SmeltQuant

/// `smelt presence data|drift`: the Examples/presence online-learning demonstration.
public struct PresenceCommand: Command {
    public init() {}
    public let name = "presence"
    public let summary = "Presence-detection example: synthetic building data, and on-device learning under sensor drift."
    public let discussion = """
        ACTIONS:
          data   write DIR/train.csv (2000 samples), test.csv (500), calibration.csv (200 inputs) from
                 the reference building (PresenceGenerator, no drift), and DIR/presence_init.json: a
                 4-16-16-2 ReLU MLP with a final Softmax (nodes fc1, fc2, fc3, softmax), random weights.
          drift  quantize MODEL (int8, --calibrate), deploy it in building --building (sensor offsets)
                 whose sensors drift, and compare the frozen model with the model whose --head layers
                 learn one labelled sample at a time on the frozen int8 backbone, in the device's
                 arithmetic (--arithmetic fixed: Q7.24 as on a Cortex-M0; float32 as on an M4F).
                 Prints the figures; --svg writes the accuracy-over-time and recovery charts,
                 --csv the daily accuracies.

        The generator and the experiment are SmeltLearn.PresenceGenerator and PresenceExperiment
        (docs in Examples/presence/README.md).

        EXAMPLE (Examples/presence/README.md):
          smelt presence data -o Examples/presence --seed 1
          smelt train Examples/presence/presence_init.json --data Examples/presence/train.csv \\
              --test Examples/presence/test.csv --epochs 30 --lr 0.003 --batch 16 -o Examples/presence/presence.json
          smelt presence drift Examples/presence/presence.json --calibrate Examples/presence/calibration.csv \\
              --svg Examples/presence/accuracy_over_time.svg
        """
    public let signature = CommandSignature(
        positionals: [.init("ACTION", help: "data or drift"), .init("MODEL", help: "trained float model (drift)", optional: true)],
        options: [
            .value("output", short: "o", valueName: "DIR", help: "folder for the data files (data)"),
            .value("seed", valueName: "N", help: "seed of the generator (default 1 for data, 2 for drift)"),
            .value("calibrate", short: "c", valueName: "DATA.csv", help: "calibration inputs for int8 quantization (drift)"),
            .value("building", valueName: "N", help: "deployment building 1, 2, ... (default 3)"),
            .value("head", valueName: "LAYERS", help: "trainable Dense layers (default fc2,fc3)"),
            .value("arithmetic", valueName: "fixed|float32", help: "arithmetic of the learning step (default fixed)"),
            .value("lr", valueName: "RATE", help: "learning rate of the step (default 0.01)"),
            .value("svg", valueName: "FILE", help: "write the charts (drift)"),
            .value("csv", valueName: "FILE", help: "write day,frozen,learning accuracies (drift)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        switch arguments.positional("ACTION") {
        case "data": return try data(arguments, console: console)
        case "drift": return try drift(arguments, console: console)
        default: throw UsageError("ACTION must be data or drift, got '\(arguments.positional("ACTION") ?? "")'")
        }
    }

    func data(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let dir = arguments.value("output") else { throw UsageError("data needs --output DIR") }
        let seed = UInt64(try arguments.integer("seed", in: 0...Int.max) ?? 1)
        let train = PresenceGenerator.samples(count: 2000, building: .reference, days: 0...0, drift: .none, seed: seed)
        let test = PresenceGenerator.samples(count: 500, building: .reference, days: 0...0, drift: .none, seed: seed &+ 1)
        var b = GraphBuilder(name: "presence", input: [4], inputName: "sensors", seed: seed)
        var x = b.dense(b.input, units: 16, activation: .relu, name: "fc1")
        x = b.dense(x, units: 16, activation: .relu, name: "fc2")
        x = b.dense(x, units: 2, name: "fc3")
        x = b.softmax(x, name: "softmax")
        let model = try WeightInitializer.heNormal(try b.finish(outputs: [x]), seed: seed)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let files = [("train.csv", PresenceGenerator.csv(train)), ("test.csv", PresenceGenerator.csv(test)),
                     ("calibration.csv", PresenceGenerator.csv(Array(train.prefix(200)), labels: false))]
        for (name, text) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch { throw SmeltError("\(path): cannot write") }
            console.line("wrote \(path)")
        }
        let modelPath = (dir as NSString).appendingPathComponent("presence_init.json")
        try ModelFile.write(model, to: modelPath)
        console.line("wrote \(modelPath)")
        return 0
    }

    func drift(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let modelPath = arguments.positional("MODEL") else { throw UsageError("drift needs MODEL") }
        guard let calibrationPath = arguments.value("calibrate") else { throw UsageError("drift needs --calibrate DATA.csv") }
        let float = try Pipeline.standard(ModelFile.load(path: modelPath))
        let rows = try CSVData(path: calibrationPath).rows
        let quantized = try Quantizer.quantize(graph: float, calibration: try Calibration.collect(graph: float, samples: rows), scheme: .int8)
        let index = try arguments.integer("building", in: 1...1000) ?? 3
        var e = PresenceExperiment(building: .drawn(index: index, seed: 7))
        e.seed = UInt64(try arguments.integer("seed", in: 0...Int.max) ?? 2)
        e.fixedPoint = try arguments.choice("arithmetic", of: ["fixed", "float32"], default: "fixed") == "fixed"
        if let s = arguments.value("lr") {
            guard let v = Double(s), v > 0, v.isFinite else { throw UsageError("--lr expects a positive number, got '\(s)'") }
            e.learningRate = v
        }
        let head = (arguments.value("head") ?? "fc2,fc3").split(separator: ",").map(String.init)
        let r = try e.run(quantized: quantized, head: head)
        let b = e.building
        func pct(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
        console.line(String(format: "building %d: CO2 %+.0f ppm, temperature %+.2f °C, humidity %+.1f %%, light gain %.2f; drift per day: CO2 %+.1f ppm, temperature %+.3f °C, humidity %+.2f %%, light −%.1f %%",
                            index, b.co2Offset, b.temperatureOffset, b.humidityOffset, b.lightGain,
                            e.drift.co2PerDay, e.drift.temperaturePerDay, e.drift.humidityPerDay, e.drift.lightLossPerDay * 100))
        console.line("head \(head.joined(separator: ",")), \(e.fixedPoint ? "Q7.24 fixed point" : "float32"), lr \(e.learningRate), seed \(e.seed)")
        console.line("reference building (int8 model):   \(pct(r.source))")
        console.line("day \(Int(e.driftDay)), frozen int8 model:      \(pct(r.drifted))   (lost \(pct(r.source - r.drifted)))")
        for (n, a) in r.recovery where n == 50 || n == 100 || n == 200 || n == r.recovery.last!.samples && n != 200 {
            console.line("day \(Int(e.driftDay)), after \(n) samples learned: \(pct(a))")
        }
        console.line(String(format: "recovered %.1f %% of the lost accuracy within %d samples", r.recoveredFraction * 100, e.recoverySamples))
        let tail = r.timeline.suffix(30)
        let frozenTail = tail.map(\.frozen).reduce(0, +) / Double(tail.count), learnTail = tail.map(\.learning).reduce(0, +) / Double(tail.count)
        console.line("timeline (\(e.perDay) labels/day): days \(tail.first!.day)-\(tail.last!.day) mean accuracy frozen \(pct(frozenTail)), online learning \(pct(learnTail))")
        if let svg = arguments.value("svg") {
            do { try PresenceExperiment.svg(r, perDay: e.perDay, driftDay: e.driftDay).write(toFile: svg, atomically: true, encoding: .utf8) }
            catch { throw SmeltError("\(svg): cannot write") }
            console.line("wrote \(svg)")
        }
        if let csv = arguments.value("csv") {
            let text = "day,frozen,learning\n" + r.timeline.map { "\($0.day),\($0.frozen),\($0.learning)\n" }.joined()
            do { try text.write(toFile: csv, atomically: true, encoding: .utf8) } catch { throw SmeltError("\(csv): cannot write") }
            console.line("wrote \(csv)")
        }
        return 0
    }
}
