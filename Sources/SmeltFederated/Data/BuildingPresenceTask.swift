import SmeltIR
import SmeltLearn

/// Presence detection on SmeltLearn's `PresenceGenerator` (the Examples/presence data model):
/// one device = one building with its own sensor installation (`Building.drawn`: CO₂,
/// temperature, humidity offsets and a light gain) whose sensors drift with the day since
/// deployment (`Drift`, scaled by `drift`). Each sample: occupied with probability ½, a day
/// uniform in [0, `days`], the building's reading, model input `PresenceGenerator.input`
/// (4 values). Fleet building d is `Building.drawn(index: d + 1, seed:)`, held-out building i is
/// `drawn(index: 1_000_000 + i, seed:)`; readings use a `SeededGenerator` seeded from the stream.
public struct BuildingPresenceTask: FederatedTask {
    public struct Profile: Sendable, Equatable {
        public var building: PresenceGenerator.Building
    }

    public let days: Double
    public let drift: PresenceGenerator.Drift

    /// Readings over `days` days, with SmeltLearn's default drift rates times `drift`.
    public init(days: Double, drift scale: Double) {
        self.days = days
        var d = PresenceGenerator.Drift()
        d.co2PerDay *= scale; d.temperaturePerDay *= scale; d.humidityPerDay *= scale; d.lightLossPerDay *= scale
        self.drift = d
    }

    public var name: String { "presence" }
    public var loss: FederatedLoss { .softmaxCrossEntropy }
    public var inputWidth: Int { 4 }
    public var outputCount: Int { 2 }
    public var targetWidth: Int { 1 }

    public func profile(of device: DeviceID, seed: UInt64) -> Profile {
        Profile(building: .drawn(index: device.heldOut ? 1_000_000 + device.index : device.index + 1, seed: seed))
    }

    public func appendSample(_ p: Profile, rng: inout SplitMix64, to set: inout SampleSet) {
        var g = SeededGenerator(seed: rng.next())
        let occupied = g.uniform() < 0.5
        let day = days * g.uniform()
        let r = PresenceGenerator.reading(occupied: occupied, building: p.building, day: day, drift: drift, rng: &g)
        set.inputs += PresenceGenerator.input(r)
        set.targets.append(occupied ? 1 : 0)
    }
}
