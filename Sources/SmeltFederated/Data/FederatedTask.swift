import SmeltIR

/// A device of a task: a training device of the fleet, or a held-out device used only to
/// evaluate the learned initialisation. The two kinds never share data streams.
public struct DeviceID: Sendable, Hashable {
    /// Index within its kind, from 0.
    public var index: Int
    /// Whether it is a held-out (evaluation) device.
    public var heldOut: Bool
    public init(_ index: Int, heldOut: Bool = false) { self.index = index; self.heldOut = heldOut }

    /// The integer used in stream seeds: index for fleet devices, −1 − index for held-out ones.
    public var streamKey: Int { heldOut ? -1 - index : index }
}

/// A family of related learning problems, one per device (a sine curve, a set of digit classes
/// with a distortion, a building). A device's profile is a pure function of (seed, device) and
/// each sample a pure function of the profile and a random stream, so data streams are
/// reproducible one at a time by anyone who knows the seed (see `DeviceData`).
public protocol FederatedTask: Sendable {
    /// What distinguishes one device's data from another's (amplitude and phase, classes...).
    associatedtype Profile: Sendable
    /// Short name (`sine`, `digits`, `presence`).
    var name: String { get }
    /// The loss the model trains with.
    var loss: FederatedLoss { get }
    /// Model inputs.
    var inputWidth: Int { get }
    /// Model outputs (classes for a classifier).
    var outputCount: Int { get }
    /// Targets stored per sample (1 for a class index).
    var targetWidth: Int { get }
    /// The profile of `device` under `seed` (drawn from `StreamSeed.generator(seed, .device, ...)`).
    func profile(of device: DeviceID, seed: UInt64) -> Profile
    /// Appends one sample of the device with `profile`, drawn from `rng`, to `set`.
    func appendSample(_ profile: Profile, rng: inout SplitMix64, to set: inout SampleSet)
    /// The query set a held-out device is scored on after adapting; `nil` = `count` samples of
    /// its query stream (sine overrides with evenly spaced points).
    func querySet(_ profile: Profile, count: Int) -> SampleSet?
}

extension FederatedTask {
    /// An empty sample set of this task's widths.
    public func emptySet() -> SampleSet { SampleSet(inputWidth: inputWidth, targetWidth: targetWidth) }

    /// Default: no special query set.
    public func querySet(_ profile: Profile, count: Int) -> SampleSet? { nil }

    /// `count` samples drawn in order from `rng`.
    public func samples(_ profile: Profile, count: Int, rng: inout SplitMix64) -> SampleSet {
        var s = emptySet()
        s.inputs.reserveCapacity(count * inputWidth)
        s.targets.reserveCapacity(count * targetWidth)
        for _ in 0..<count { appendSample(profile, rng: &rng, to: &s) }
        return s
    }
}
