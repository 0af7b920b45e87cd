import Foundation
import SmeltFleet
import SmeltIR

/// `smelt coordinator --broker URL CONFIG.json`: the server side of a federated run over MQTT.
public struct CoordinatorCommand: Command {
    public init() {}
    public let name = "coordinator"
    public let summary = "Run the server side of TinyReptile/Reptile/FedAvg rounds over an MQTT broker."
    public let discussion = """
        CONFIG.json: fleet, strategy (tinyreptile|reptile|fedavg), seed, rounds, devices (the fleet
        list), devicesPerRound, samplesPerRound, localEpochs, batchSize, innerLearningRate,
        outerStep, layers, samplesPerDevice, roundTimeout, maxAttempts (docs/fleet-protocol.md).
        The state (round, model version, parameters) is saved atomically to --state after every
        round; a restarted coordinator resumes from it. Drops are logged with their reason.
        --simulate runs the same rounds in process (no broker); --write-data DIR writes each
        device's data descriptor (DIR/<device>.json: seed and fleet index) and exits; --expect FILE compares the final parameters with another
        run's --out (max |difference| ≤ 1e-5, else exit 1).
        Example: smelt coordinator --broker mqtt://coordinator:pw@127.0.0.1:1883 fleet.json --out final.json
        """
    public let signature = CommandSignature(
        positionals: [.init("CONFIG", help: "fleet configuration (JSON)")],
        options: [
            .value("broker", valueName: "URL", help: "mqtt://[user[:password]@]host[:port] (user defaults to 'coordinator')"),
            .value("password-file", valueName: "FILE", help: "read the broker password from FILE"),
            .value("state", valueName: "FILE", help: "coordinator state file (default CONFIG with .state.json)"),
            .value("out", short: "o", valueName: "FILE", help: "write the final parameters (JSON)"),
            .value("expect", valueName: "FILE", help: "compare the final parameters with FILE (another --out)"),
            .value("write-data", valueName: "DIR", help: "write DIR/<device>.json (data descriptor) for every device, then exit"),
            .flag("simulate", help: "run the rounds in process, without a broker"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let path = arguments.positional("CONFIG")!
        let config = try FleetConfig.load(path)
        if let dir = arguments.value("write-data") {
            try DeviceSamples.writeFleetDescriptors(config, to: dir)
            console.line("wrote \(config.devices.count) device data descriptors to \(dir)")
            return 0
        }
        let parameters: [Float]
        if arguments.flag("simulate") {
            let t0 = Date()
            parameters = try FleetSimulation.run(config)
            console.line("simulated \(config.rounds) rounds of \(config.strategy) on \(config.devices.count) devices in \(String(format: "%.2f", Date().timeIntervalSince(t0))) s")
        } else {
            guard let url = arguments.value("broker") else { throw UsageError("missing required option '--broker URL' (or --simulate)") }
            var broker = try BrokerAddress(url)
            if let file = arguments.value("password-file") { broker.password = try FleetCLI.readPassword(file) }
            let statePath = arguments.value("state") ?? (path.hasSuffix(".json") ? String(path.dropLast(5)) : path) + ".state.json"
            let t0 = Date()
            let state = try Coordinator(config: config, broker: broker, statePath: statePath) { console.line($0) }.run()
            parameters = state.parameters
            console.line("finished \(state.round) rounds in \(String(format: "%.2f", Date().timeIntervalSince(t0))) s; model version \(state.modelVersion); \(state.shortRounds) short round(s); \(state.resumes) resume(s)")
            let drops = state.drops.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            console.line("dropped: " + (drops.isEmpty ? "nothing" : drops.joined(separator: ", ")))
        }
        console.line(String(format: "final parameters: %d, CRC-32 %08x, MSE on a held-out sine task (no adaptation) %.4f", parameters.count,
                            CRC32.checksum(parameters.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }),
                            try FleetLearning(config).heldOutMSE(parameters)))
        if let out = arguments.value("out") { try FleetCLI.writeParameters(parameters, config: config, to: out) }
        if let expect = arguments.value("expect") {
            let other = try FleetCLI.readParameters(expect)
            guard other.count == parameters.count else { throw SmeltError("\(expect): \(other.count) parameters, this run has \(parameters.count)") }
            let diff = zip(parameters, other).map { abs($0 - $1) }.max() ?? 0
            console.line(String(format: "max |difference| from %@: %.3g (tolerance 1e-5)", expect, diff))
            if !(diff <= 1e-5) { throw SmeltError("\(expect): final parameters differ by \(diff)") }
        }
        return 0
    }
}

/// File helpers shared by `coordinator` and `device`.
enum FleetCLI {
    static func readPassword(_ file: String) throws -> String {
        guard let d = FileManager.default.contents(atPath: file), let s = String(data: d, encoding: .utf8) else {
            throw SmeltError("\(file): cannot read password file")
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func writeParameters(_ p: [Float], config: FleetConfig, to path: String) throws {
        let body = p.map { "\($0)" }.joined(separator: ",")
        let text = "{\"fleet\":\"\(config.fleet)\",\"strategy\":\"\(config.strategy)\",\"rounds\":\(config.rounds),\"layers\":\(config.layers),\"parameters\":[\(body)]}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func readParameters(_ path: String) throws -> [Float] {
        struct File: Decodable { var parameters: [Float] }
        guard let d = FileManager.default.contents(atPath: path) else { throw SmeltError("\(path): cannot read") }
        do { return try JSONDecoder().decode(File.self, from: d).parameters } catch { throw SmeltError("\(path): no 'parameters' array") }
    }
}
