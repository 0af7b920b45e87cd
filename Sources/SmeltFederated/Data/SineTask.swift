import Foundation
import SmeltIR

/// Sine regression as in MAML and Reptile: device d has y = A·sin(x − p) with A uniform in
/// `amplitude`, p uniform in `phase`, and samples x uniform in `xRange`.
/// Query set: `count` evenly spaced x over `xRange` (50 points over [−5, 5] in the protocol:
/// x_j = −5 + 10·j/49).
public struct SineTask: FederatedTask {
    /// Amplitude and phase of one device's curve.
    public struct Profile: Sendable, Equatable {
        public var amplitude: Double
        public var phase: Double
    }

    public var amplitude: ClosedRange<Double>
    public var phase: ClosedRange<Double>
    public var xRange: ClosedRange<Double>

    /// The task with the protocol's defaults: A ∈ [0.1, 5], p ∈ [0, π], x ∈ [−5, 5].
    public init(amplitude: ClosedRange<Double> = 0.1...5, phase: ClosedRange<Double> = 0...Double.pi,
                xRange: ClosedRange<Double> = -5...5) {
        self.amplitude = amplitude
        self.phase = phase
        self.xRange = xRange
    }

    public var name: String { "sine" }
    public var loss: FederatedLoss { .meanSquaredError }
    public var inputWidth: Int { 1 }
    public var outputCount: Int { 1 }
    public var targetWidth: Int { 1 }

    public func profile(of device: DeviceID, seed: UInt64) -> Profile {
        var rng = StreamSeed.generator(seed, .device, device.streamKey)
        let a = rng.uniform(amplitude.lowerBound, amplitude.upperBound)
        let p = rng.uniform(phase.lowerBound, phase.upperBound)
        return Profile(amplitude: a, phase: p)
    }

    @inline(__always)
    public func appendSample(_ profile: Profile, rng: inout SplitMix64, to set: inout SampleSet) {
        let x = Float(rng.uniform(xRange.lowerBound, xRange.upperBound))
        set.inputs.append(x)
        set.targets.append(Float(profile.amplitude * sin(Double(x) - profile.phase)))
    }

    public func querySet(_ profile: Profile, count: Int) -> SampleSet? {
        var s = emptySet()
        for j in 0..<count {
            let t = count == 1 ? 0.5 : Double(j) / Double(count - 1)
            let x = Float(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * t)
            s.inputs.append(x)
            s.targets.append(Float(profile.amplitude * sin(Double(x) - profile.phase)))
        }
        return s
    }
}
