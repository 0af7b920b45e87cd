import Foundation

/// A device's local data file: CSV lines `x,y` (header `x,y` optional), read in order and
/// streamed cyclically, `k` samples per round. Numbers are written in Swift's shortest
/// round-trip form so file and simulation hold the same Float bits.
public struct DeviceDataStream: Sendable, Equatable {
    public let samples: [FleetSample]
    /// Index of the next sample to hand out.
    public private(set) var cursor = 0

    public init(samples: [FleetSample]) { self.samples = samples }

    /// The next `k` samples, wrapping to the start of the file.
    public mutating func next(_ k: Int) -> [FleetSample] {
        guard !samples.isEmpty else { return [] }
        let out = (0..<k).map { samples[(cursor + $0) % samples.count] }
        cursor = (cursor + k) % samples.count
        return out
    }

    /// Reads `path`; errors name the file and line.
    public static func load(_ path: String) throws -> DeviceDataStream {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw FleetError("\(path): cannot read device data")
        }
        var samples: [FleetSample] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || (n == 0 && t == "x,y") { continue }
            let f = t.split(separator: ",")
            guard f.count == 2, let x = Float(f[0]), let y = Float(f[1]), x.isFinite, y.isFinite else {
                throw FleetError("\(path): line \(n + 1): expected 'x,y' numbers, got '\(t)'")
            }
            samples.append(FleetSample(x: x, y: y))
        }
        guard !samples.isEmpty else { throw FleetError("\(path): no samples") }
        return DeviceDataStream(samples: samples)
    }

    /// The CSV text of `samples`.
    public static func csv(_ samples: [FleetSample]) -> String {
        "x,y\n" + samples.map { "\($0.x),\($0.y)\n" }.joined()
    }

    /// Writes every fleet device's sine data (`<dir>/<device>.csv`) from the config's seed.
    public static func writeFleetData(_ c: FleetConfig, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for d in c.devices {
            let text = csv(SineDeviceData.samples(seed: c.seed, device: d, count: c.samplesPerDevice))
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(d).csv"), options: .atomic)
        }
    }
}
