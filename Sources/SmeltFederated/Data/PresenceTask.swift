import Foundation
import SmeltIR

/// Presence detection in buildings with per-building drift: this module's own small seeded
/// generator (`"kind": "presence-synthetic"`), written before SmeltLearn's `PresenceGenerator`
/// reached main; `"kind": "presence"` uses that one (`BuildingPresenceTask`). Each device is one
/// building; a sample is one sensor reading at a random hour, label 1 when someone is present.
///
/// Occupancy: P(present) = 0.8 from 8 h to 18 h, 0.1 otherwise. Per building, uᵢ uniform in
/// [−1, 1] and d = `drift`; the presence signal is weaker than the spread between buildings, so a
/// model shared by all buildings is poor and a few local samples help. Features (≈ unit scale):
/// 1. CO₂: (420 + 250·u₁·d + 150·v·present + 𝒩(0, 80)) / 1000 ppm, ventilation v = 1 + 0.7·u₂·d;
/// 2. temperature: (21 + 0.6·present + 2·u₃·d + 𝒩(0, 0.5)) / 30 °C;
/// 3. humidity: (40 + 2·present + 10·u₄·d + 𝒩(0, 3)) / 100;
/// 4. light: daylight(h)·window + 0.3·(1 + 0.8·u₅·d)·present + 𝒩(0, 0.08), window ∈ [0.2, 1];
/// 5. sound: (0.05 + 0.15·present)·(1 + 0.8·u₆·d) + 𝒩(0, 0.08);
/// 6. hour / 24,
/// with daylight(h) = max(0, sin(π(h − 6)/12)). `drift` = 0 makes every building alike.
public struct PresenceTask: FederatedTask {
    /// One building's sensor offsets and gains.
    public struct Profile: Sendable, Equatable {
        /// u₁…u₆ of the building.
        public var u: [Double]
        public var window: Double
    }

    public let drift: Double
    public init(drift: Double) { self.drift = drift }

    public var name: String { "presence-synthetic" }
    public var loss: FederatedLoss { .softmaxCrossEntropy }
    public var inputWidth: Int { 6 }
    public var outputCount: Int { 2 }
    public var targetWidth: Int { 1 }

    public func profile(of device: DeviceID, seed: UInt64) -> Profile {
        var rng = StreamSeed.generator(seed, .device, device.streamKey)
        let u = (0..<6).map { _ in rng.uniform(-1, 1) }
        return Profile(u: u, window: rng.uniform(0.2, 1))
    }

    public func appendSample(_ b: Profile, rng: inout SplitMix64, to set: inout SampleSet) {
        let h = rng.uniform(0, 24)
        let present: Double = rng.unit() < ((8..<18).contains(h) ? 0.8 : 0.1) ? 1 : 0
        let daylight = max(0, sin(Double.pi * (h - 6) / 12))
        let d = drift, u = b.u
        let features = [
            (420 + 250 * u[0] * d + 150 * (1 + 0.7 * u[1] * d) * present + 80 * rng.normal()) / 1000,
            (21 + 0.6 * present + 2 * u[2] * d + 0.5 * rng.normal()) / 30,
            (40 + 2 * present + 10 * u[3] * d + 3 * rng.normal()) / 100,
            daylight * b.window + 0.3 * (1 + 0.8 * u[4] * d) * present + 0.08 * rng.normal(),
            (0.05 + 0.15 * present) * (1 + 0.8 * u[5] * d) + 0.08 * rng.normal(),
            h / 24,
        ]
        set.inputs += features.map { Float($0) }
        set.targets.append(Float(present))
    }
}
