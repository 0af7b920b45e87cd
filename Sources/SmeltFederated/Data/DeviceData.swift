import SmeltIR

/// One device's data streams, reproducible from (seed, device) alone.
///
/// - Unlimited data (`dataSize == nil`): round r's k samples are fresh, drawn in order from
///   `StreamSeed.generator(seed, .freshSample, device.streamKey, r)`; nothing is stored.
/// - A device holding `n` samples: its sample j is drawn from
///   `generator(seed, .poolSample, device.streamKey, j)`; round r uses k distinct indices chosen
///   by a partial Fisher–Yates shuffle of 0..<n with `generator(seed, .poolChoice, device.streamKey, r)`.
/// - A held-out device adapts on `support` (`generator(seed, .support, key)`) and is scored on
///   `query` (the task's own query set, else `generator(seed, .query, key)`).
public struct DeviceData<Task: FederatedTask>: Sendable {
    public let task: Task
    public let seed: UInt64
    public let device: DeviceID
    public let profile: Task.Profile
    /// Samples the device holds; `nil` = an unlimited stream of fresh samples.
    public let dataSize: Int?

    /// The data of `device` for `task` under `seed`.
    public init(task: Task, seed: UInt64, device: DeviceID, dataSize: Int?) {
        self.task = task
        self.seed = seed
        self.device = device
        self.profile = task.profile(of: device, seed: seed)
        self.dataSize = dataSize
    }

    /// The `count` samples the device trains on in round `round` (count ≤ dataSize).
    public func roundSamples(round: Int, count: Int) -> SampleSet {
        guard let n = dataSize else {
            var rng = StreamSeed.generator(seed, .freshSample, device.streamKey, round)
            return task.samples(profile, count: count, rng: &rng)
        }
        precondition(count <= n, "k larger than the device's data")
        var order = Array(0..<n)
        var rng = StreamSeed.generator(seed, .poolChoice, device.streamKey, round)
        var set = task.emptySet()
        for j in 0..<count {
            let pick = j + rng.index(n - j)
            order.swapAt(j, pick)
            var srng = StreamSeed.generator(seed, .poolSample, device.streamKey, order[j])
            task.appendSample(profile, rng: &srng, to: &set)
        }
        return set
    }

    /// The support set a held-out device adapts on.
    public func support(count: Int) -> SampleSet {
        var rng = StreamSeed.generator(seed, .support, device.streamKey)
        return task.samples(profile, count: count, rng: &rng)
    }

    /// The query set a held-out device is scored on.
    public func query(count: Int) -> SampleSet {
        if let q = task.querySet(profile, count: count) { return q }
        var rng = StreamSeed.generator(seed, .query, device.streamKey)
        return task.samples(profile, count: count, rng: &rng)
    }
}
