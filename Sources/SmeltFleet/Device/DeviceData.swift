import Foundation
import SmeltFederated

/// Where a device process gets its samples (`smelt device --data FILE`).
///
/// - A JSON descriptor `{"format": "smelt-fleet-device-data/1", "task": "sine", "seed": 7,
///   "device": 3, "samplesPerDevice": null}`: SmeltFederated's stream for fleet index 3 under
///   seed 7 (`DeviceData.roundSamples(round:count:)`), exactly what the simulation uses.
///   `smelt coordinator CONFIG --write-data DIR` writes one per device.
/// - A CSV file of `x,y` rows (header optional): real local data, handed out k rows per round
///   in file order, wrapping at the end.
public enum DeviceSamples: Sendable {
    case stream(DeviceData<SineTask>)
    case pool(DeviceDataStream)

    /// The samples for round `round`.
    public mutating func next(round: Int, count: Int) -> SampleSet {
        switch self {
        case .stream(let d):
            return d.roundSamples(round: round, count: count)
        case .pool(var p):
            let s = p.next(count)
            self = .pool(p)
            return s
        }
    }

    /// The descriptor of a fleet device.
    struct Descriptor: Codable {
        var format = "smelt-fleet-device-data/1"
        var task = "sine"
        var seed: UInt64
        var device: Int
        var samplesPerDevice: Int?
    }

    /// Reads `path` (`.json` descriptor or CSV); errors name the file.
    public static func load(_ path: String) throws -> DeviceSamples {
        guard let data = FileManager.default.contents(atPath: path) else { throw FleetError("\(path): cannot read device data") }
        if path.hasSuffix(".json") {
            let d: Descriptor
            do { d = try JSONDecoder().decode(Descriptor.self, from: data) } catch {
                throw FleetError("\(path): not a device data descriptor (\(FleetError.describe(error)))")
            }
            guard d.format == "smelt-fleet-device-data/1", d.task == "sine" else { throw FleetError("\(path): unsupported format '\(d.format)' or task '\(d.task)'") }
            guard d.device >= 0 else { throw FleetError("\(path): device index must be ≥ 0") }
            if let n = d.samplesPerDevice, n < 1 { throw FleetError("\(path): samplesPerDevice must be ≥ 1") }
            return .stream(DeviceData(task: SineTask(), seed: d.seed, device: DeviceID(d.device), dataSize: d.samplesPerDevice))
        }
        return .pool(try DeviceDataStream.parse(String(decoding: data, as: UTF8.self), path: path))
    }

    /// Writes `<dir>/<device>.json` for every device of the fleet (index = position in the list).
    public static func writeFleetDescriptors(_ c: FleetConfig, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (i, id) in c.devices.enumerated() {
            let d = Descriptor(seed: c.seed, device: i, samplesPerDevice: c.samplesPerDevice)
            try encoder.encode(d).write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(id).json"), options: .atomic)
        }
    }
}

/// A CSV pool of `x,y` samples streamed cyclically, `k` per round.
public struct DeviceDataStream: Sendable, Equatable {
    public let x: [Float]
    public let y: [Float]
    /// Index of the next sample to hand out.
    public private(set) var cursor = 0

    public init(x: [Float], y: [Float]) { self.x = x; self.y = y }

    /// The next `k` samples, wrapping to the start.
    public mutating func next(_ k: Int) -> SampleSet {
        var s = SampleSet(inputWidth: 1, targetWidth: 1)
        for j in 0..<k { let i = (cursor + j) % x.count; s.append(input: [x[i]], target: [y[i]]) }
        cursor = (cursor + k) % x.count
        return s
    }

    /// Parses CSV text; errors name `path` and the line.
    public static func parse(_ text: String, path: String) throws -> DeviceDataStream {
        var xs: [Float] = [], ys: [Float] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || (n == 0 && t == "x,y") { continue }
            let f = t.split(separator: ",")
            guard f.count == 2, let x = Float(f[0]), let y = Float(f[1]), x.isFinite, y.isFinite else {
                throw FleetError("\(path): line \(n + 1): expected 'x,y' numbers, got '\(t)'")
            }
            xs.append(x); ys.append(y)
        }
        guard !xs.isEmpty else { throw FleetError("\(path): no samples") }
        return DeviceDataStream(x: xs, y: ys)
    }
}
