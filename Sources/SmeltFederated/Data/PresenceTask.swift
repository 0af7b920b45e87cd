import Foundation
import SmeltIR

/// Presence detection in buildings with per-building drift: a small seeded generator (the
/// Examples/presence data set was not on main when this was written). Each device is one
/// building; a sample is one sensor reading at a random hour, label 1 when someone is present.
///
/// Occupancy: P(present) = 0.8 from 8 h to 18 h, 0.1 otherwise. Features (roughly unit scale):
/// 1. CO₂: (base + 350·present + 𝒩(0, 60)) / 1000 ppm, base = 420 + 150·u₁·drift;
/// 2. temperature: (21 + 1.5·present + 2·u₂·drift + 𝒩(0, 0.5)) / 30 °C;
/// 3. humidity: (40 + 5·present + 10·u₃·drift + 𝒩(0, 3)) / 100;
/// 4. light: (daylight(h)·window + lamp·present + 𝒩(0, 0.05)), window ∈ [0.2, 1], lamp = 0.5 + 0.4·u₄·drift;
/// 5. sound: (0.2 + 0.3·present)·mic + 𝒩(0, 0.05), mic = 1 + 0.5·u₅·drift;
/// 6. hour / 24,
/// with uᵢ uniform in [−1, 1] per building and daylight(h) = max(0, sin(π(h − 6)/12)).
/// `drift` = 0 makes every building alike; larger values separate them.
public struct PresenceTask: FederatedTask {
    /// One building's sensor offsets and gains.
    public struct Profile: Sendable, Equatable {
        public var co2Base: Double, tempOffset: Double, humidityOffset: Double
        public var window: Double, lamp: Double, mic: Double
    }

    public let drift: Double
    public init(drift: Double) { self.drift = drift }

    public var name: String { "presence" }
    public var loss: FederatedLoss { .softmaxCrossEntropy }
    public var inputWidth: Int { 6 }
    public var outputCount: Int { 2 }
    public var targetWidth: Int { 1 }

    public func profile(of device: DeviceID, seed: UInt64) -> Profile {
        var rng = StreamSeed.generator(seed, .device, device.streamKey)
        let u = (0..<5).map { _ in rng.uniform(-1, 1) }
        return Profile(co2Base: 420 + 150 * u[0] * drift, tempOffset: 2 * u[1] * drift, humidityOffset: 10 * u[2] * drift,
                       window: rng.uniform(0.2, 1), lamp: 0.5 + 0.4 * u[3] * drift, mic: 1 + 0.5 * u[4] * drift)
    }

    public func appendSample(_ b: Profile, rng: inout SplitMix64, to set: inout SampleSet) {
        let h = rng.uniform(0, 24)
        let present: Double = rng.unit() < ((8..<18).contains(h) ? 0.8 : 0.1) ? 1 : 0
        let daylight = max(0, sin(Double.pi * (h - 6) / 12))
        let features = [
            (b.co2Base + 350 * present + 60 * rng.normal()) / 1000,
            (21 + 1.5 * present + b.tempOffset + 0.5 * rng.normal()) / 30,
            (40 + 5 * present + b.humidityOffset + 3 * rng.normal()) / 100,
            daylight * b.window + b.lamp * present + 0.05 * rng.normal(),
            (0.2 + 0.3 * present) * b.mic + 0.05 * rng.normal(),
            h / 24,
        ]
        set.inputs += features.map { Float($0) }
        set.targets.append(Float(present))
    }
}
