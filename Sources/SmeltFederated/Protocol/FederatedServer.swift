/// One device's contribution to a round, as the server receives it.
public struct DeviceUpdate: Sendable {
    /// θ − φ after the uplink codec (what the server can reconstruct).
    public var delta: [Float]
    /// Samples the device trained on this round (FedAvg's weight).
    public var sampleCount: Int

    public init(delta: [Float], sampleCount: Int) {
        self.delta = delta
        self.sampleCount = sampleCount
    }

    /// The update of a device that started from `initial` and ended at `trained`, as seen by the
    /// server after `codec` (int8 quantization loses precision; float32 is exact).
    public init(trained: [Float], initial: [Float], sampleCount: Int, codec: UpdateCodec, mlp: MLP) {
        var d = [Float](repeating: 0, count: trained.count)
        for i in 0..<d.count { d[i] = trained[i] - initial[i] }
        codec.roundTrip(&d, mlp: mlp)
        self.init(delta: d, sampleCount: sampleCount)
    }

    /// Whether every entry is finite (a diverged device sends NaN/Inf).
    public var isFinite: Bool { delta.allSatisfy { $0.isFinite } }
}

/// The server of every strategy: holds the initialisation φ and moves it toward the devices.
///
/// `apply(_:)` does φ ← φ + β_r · Σ wᵢ·dᵢ / Σ wᵢ over the finite updates, in the order given
/// (wᵢ = 1, or the sample count for FedAvg; dᵢ = θᵢ − φ), then advances the round. Updates with
/// NaN/Inf are rejected and counted in `rejectedUpdates`, never averaged in. A round with no
/// usable update (every device missed it) only advances the round.
///
/// ```swift
/// var server = FederatedServer(strategy: .tinyReptile, initial: phi, rounds: 30_000, beta0: 0.3)
/// let data = DeviceData(task: SineTask(), seed: 1, device: DeviceID(17), dataSize: nil)
/// let r = trainer.localTrain(initial: server.parameters, samples: data.roundSamples(round: server.round, count: 10))
/// server.apply([DeviceUpdate(trained: r.weights, initial: server.parameters, sampleCount: 10, codec: .float32, mlp: mlp)])
/// ```
public struct FederatedServer: Sendable {
    public let strategy: Strategy
    /// The current initialisation φ.
    public private(set) var parameters: [Float]
    /// Rounds applied so far (the next round's index r).
    public private(set) var round = 0
    /// Planned rounds R (for the β schedule).
    public let totalRounds: Int
    /// β₀.
    public let beta0: Double
    public let schedule: BetaSchedule
    /// Updates refused because they held NaN or Inf.
    public private(set) var rejectedUpdates = 0

    /// A server starting from `initial`. FedAvg's defaults are β₀ = 1, constant.
    public init(strategy: Strategy, initial: [Float], rounds: Int, beta0: Double, schedule: BetaSchedule = .linear) {
        self.strategy = strategy
        self.parameters = initial
        self.totalRounds = max(rounds, 1)
        self.beta0 = beta0
        self.schedule = schedule
    }

    /// β for round `r`: β₀(1 − r/R) (linear) or β₀ (constant), computed in double.
    public func beta(at r: Int) -> Float {
        switch schedule {
        case .linear: return Float(beta0 * (1 - Double(r) / Double(totalRounds)))
        case .constant: return Float(beta0)
        }
    }

    /// Applies one round's updates (in the given order) and advances the round.
    public mutating func apply(_ updates: [DeviceUpdate]) {
        defer { round += 1 }
        let usable = updates.filter(\.isFinite)
        rejectedUpdates += updates.count - usable.count
        guard !usable.isEmpty else { return }
        let weights = usable.map { strategy == .fedAvg ? Float($0.sampleCount) : 1 }
        let total = weights.reduce(0, +)
        guard total > 0 else { return }
        let b = beta(at: round)
        parameters.withUnsafeMutableBufferPointer { p in
            if usable.count == 1 {
                usable[0].delta.withUnsafeBufferPointer { d in VectorMath.axpy(b, d.baseAddress!, p.baseAddress!, p.count) }
                return
            }
            var sum = [Float](repeating: 0, count: p.count)
            sum.withUnsafeMutableBufferPointer { s in
                for (u, w) in zip(usable, weights) {
                    u.delta.withUnsafeBufferPointer { d in VectorMath.axpy(w, d.baseAddress!, s.baseAddress!, p.count) }
                }
                VectorMath.axpy(b / total, s.baseAddress!, p.baseAddress!, p.count)
            }
        }
    }

    /// Applies a pre-summed round: `sum` = Σ wᵢ·dᵢ over `count` finite updates of total weight
    /// `totalWeight` (for simulators that reduce in parallel, in a fixed order); `rejected`
    /// counts refused updates.
    public mutating func apply(sum: [Float], totalWeight: Float, rejected: Int = 0) {
        defer { round += 1 }
        rejectedUpdates += rejected
        guard totalWeight > 0 else { return }
        let scale = beta(at: round) / totalWeight
        parameters.withUnsafeMutableBufferPointer { p in
            sum.withUnsafeBufferPointer { s in VectorMath.axpy(scale, s.baseAddress!, p.baseAddress!, p.count) }
        }
    }

    /// Whether φ is still finite.
    public var isFinite: Bool { parameters.allSatisfy { $0.isFinite } }
}
