import Foundation
import SmeltFleet
import SmeltIR

/// `smelt device --broker URL --id ID --data FILE`: one fleet device as a host process.
public struct DeviceCommand: Command {
    public init() {}
    public let name = "device"
    public let summary = "Run one fleet device: train on local data when a round asks, publish the update over MQTT."
    public let discussion = """
        FILE is a data descriptor DEVICE.json (seed and fleet index: the device's sine stream, as
        in the simulation; smelt coordinator --write-data writes one per device) or a CSV of x,y
        rows handed out k per round in order. The device logs in as ID unless the URL names a user, subscribes to the fleet's
        round topic, and answers rounds that list it; it exits when the coordinator announces the
        end. --inject corrupt,replay makes it also send a corrupted copy and replayed (stale and
        duplicate) updates, and impersonate a copy claiming another device's id, to exercise the
        coordinator's checks.
        Example: smelt device --broker mqtt://127.0.0.1:1883 --id d03 --password-file d03.pw --data data/d03.json
        """
    public let signature = CommandSignature(
        options: [
            .value("broker", valueName: "URL", help: "mqtt://[user[:password]@]host[:port]", required: true),
            .value("id", valueName: "ID", help: "device id (A-Z a-z 0-9 _ -)", required: true),
            .value("data", valueName: "FILE", help: "data descriptor (.json) or local samples (CSV x,y)", required: true),
            .value("fleet", valueName: "NAME", help: "fleet name in topics (default sine)"),
            .value("password-file", valueName: "FILE", help: "read the broker password from FILE"),
            .value("inject", valueName: "LIST", help: "test faults: corrupt, replay, impersonate (comma-separated)"),
        ]
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        let id = arguments.value("id")!
        guard FleetMessage.isValidID(id) else { throw UsageError("--id must be 1-64 of A-Z a-z 0-9 _ -, got '\(id)'") }
        let fleet = arguments.value("fleet") ?? "sine"
        guard FleetMessage.isValidID(fleet) else { throw UsageError("--fleet must be 1-64 of A-Z a-z 0-9 _ -, got '\(fleet)'") }
        var broker = try BrokerAddress(arguments.value("broker")!)
        if let file = arguments.value("password-file") { broker.password = try FleetCLI.readPassword(file) }
        var faults = FleetDevice.Faults()
        for item in (arguments.value("inject") ?? "").split(separator: ",") {
            switch item {
            case "corrupt": faults.corrupt = true
            case "replay": faults.replay = true
            case "impersonate": faults.impersonate = true
            default: throw UsageError("--inject takes corrupt, replay, impersonate, got '\(item)'")
            }
        }
        let data = try DeviceSamples.load(arguments.value("data")!)
        let device = FleetDevice(id: id, fleet: fleet, broker: broker, data: data, faults: faults) { console.line("\(id): \($0)") }
        try device.run()
        return 0
    }
}
