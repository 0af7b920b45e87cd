import Foundation

/// Synthetic smart-building presence data: a room's CO2, temperature, humidity and light readings
/// and whether someone is in it, for the `Examples/presence` drift and online-learning example.
///
/// **True room state** (independent normals per sample; a room is occupied with probability ½):
///
/// | quantity | empty | occupied |
/// |---|---|---|
/// | CO2 (ppm) | N(480, 50²) | N(850, 150²) |
/// | temperature (°C) | N(20.5, 0.8²) | N(22.0, 0.8²) |
/// | relative humidity (%) | N(38, 5²) | N(43, 5²) |
/// | light (lux) | max(0, N(80, 80²)) | max(0, N(420, 120²)) |
///
/// **Sensors** read the true value through the building's installation (`Building`: a CO2 offset,
/// a temperature offset, a humidity offset and a light gain) and a slow drift that grows with the
/// day `d` since deployment (`Drift`): CO2 `+ co2Offset + co2PerDay·d` (NDIR baseline drift),
/// temperature `+ temperatureOffset + temperaturePerDay·d` (season), humidity
/// `+ humidityOffset + humidityPerDay·d`, light `· lightGain · max(0.05, 1 − lightLossPerDay·d)`
/// (a fouling light sensor). The reference building (index 0) has no offsets and gain 1.
///
/// **Model input** (4 values): `CO2/1000`, `(T − 20)/5`, `(RH − 40)/20`, `lux/500`.
///
/// Everything is drawn from a `SeededGenerator`, so a seed gives the same samples on every machine.
public enum PresenceGenerator {
    /// One building's sensor installation.
    public struct Building: Sendable, Equatable {
        public var co2Offset: Double
        public var temperatureOffset: Double
        public var humidityOffset: Double
        public var lightGain: Double

        /// The reference building: sensors read the true values.
        public static let reference = Building(co2Offset: 0, temperatureOffset: 0, humidityOffset: 0, lightGain: 1)

        public init(co2Offset: Double, temperatureOffset: Double, humidityOffset: Double, lightGain: Double) {
            self.co2Offset = co2Offset
            self.temperatureOffset = temperatureOffset
            self.humidityOffset = humidityOffset
            self.lightGain = lightGain
        }

        /// Building `index` ≥ 1 of a fleet drawn from `seed`: CO2 offset U(−50, 150) ppm,
        /// temperature U(−1.5, 1.5) °C, humidity U(−8, 8) %, light gain U(0.7, 1.1); index 0 is `reference`.
        public static func drawn(index: Int, seed: UInt64) -> Building {
            guard index > 0 else { return .reference }
            var rng = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
            func u(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.uniform() }
            return Building(co2Offset: u(-50, 150), temperatureOffset: u(-1.5, 1.5), humidityOffset: u(-8, 8), lightGain: u(0.7, 1.1))
        }
    }

    /// How fast the sensors drift, per day since deployment.
    public struct Drift: Sendable, Equatable {
        public var co2PerDay = 5.0
        public var temperaturePerDay = 0.03
        public var humidityPerDay = 0.08
        public var lightLossPerDay = 0.005

        public init() {}

        /// No drift.
        public static let none: Drift = {
            var d = Drift()
            d.co2PerDay = 0; d.temperaturePerDay = 0; d.humidityPerDay = 0; d.lightLossPerDay = 0
            return d
        }()
    }

    /// Names of the raw readings and of the model input columns.
    public static let readingNames = ["co2_ppm", "temperature_c", "humidity_pct", "light_lux"]
    public static let inputNames = ["co2", "temperature", "humidity", "light"]

    /// One sensor reading `[CO2 ppm, °C, %RH, lux]` of a room that is (or is not) occupied.
    public static func reading(occupied: Bool, building: Building, day: Double, drift: Drift,
                               rng: inout SeededGenerator) -> [Double] {
        let co2 = occupied ? 850 + 150 * rng.normal() : 480 + 50 * rng.normal()
        let t = (occupied ? 22.0 : 20.5) + 0.8 * rng.normal()
        let h = (occupied ? 43.0 : 38.0) + 5 * rng.normal()
        let lux = max(0, occupied ? 420 + 120 * rng.normal() : 80 + 80 * rng.normal())
        let gain = building.lightGain * max(0.05, 1 - drift.lightLossPerDay * day)
        return [co2 + building.co2Offset + drift.co2PerDay * day,
                t + building.temperatureOffset + drift.temperaturePerDay * day,
                h + building.humidityOffset + drift.humidityPerDay * day,
                lux * gain]
    }

    /// The model input of a reading: `[CO2/1000, (T − 20)/5, (RH − 40)/20, lux/500]`.
    public static func input(_ r: [Double]) -> [Float] {
        [Float(r[0] / 1000), Float((r[1] - 20) / 5), Float((r[2] - 40) / 20), Float(r[3] / 500)]
    }

    /// `count` labelled samples (label 1 = occupied) on days drawn uniformly from `days`.
    public static func samples(count: Int, building: Building, days: ClosedRange<Double>, drift: Drift = Drift(),
                               seed: UInt64) -> [Sample] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let occupied = rng.uniform() < 0.5
            let day = days.lowerBound + (days.upperBound - days.lowerBound) * rng.uniform()
            let r = reading(occupied: occupied, building: building, day: day, drift: drift, rng: &rng)
            return Sample(input: input(r), label: occupied ? 1 : 0)
        }
    }

    /// CSV text: header `co2,temperature,humidity,light,label`, one sample per line.
    public static func csv(_ samples: [Sample], labels: Bool = true) -> String {
        var s = (inputNames + (labels ? ["label"] : [])).joined(separator: ",") + "\n"
        for x in samples {
            var cells = x.input.map { "\($0)" }
            if labels, case .label(let k) = x.target { cells.append("\(k)") }
            s += cells.joined(separator: ",") + "\n"
        }
        return s
    }
}
