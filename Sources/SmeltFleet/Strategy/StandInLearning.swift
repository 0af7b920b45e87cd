import Foundation
import SmeltIR

// The learning side a fleet run needs, kept behind three small seams (device data, local training
// step, server rule) so the federated strategies of SmeltFederated can replace this stand-in
// without touching transport, protocol or coordinator. Float32 throughout, so a device process
// and the in-process simulation compute the same bits.

/// One regression sample.
public struct FleetSample: Sendable, Equatable {
    public var x: Float
    public var y: Float
    public init(x: Float, y: Float) { self.x = x; self.y = y }
}

/// Sine tasks y = A·sin(x − p): each device draws A ∈ [0.1, 5] and p ∈ [0, π] from its own
/// stream, seeded by the fleet seed and a hash of its id, then x uniform in [−5, 5].
public enum SineDeviceData {
    public static func samples(seed: UInt64, device: String, count: Int) -> [FleetSample] {
        var rng = SplitMix64(seed: seed ^ fnv1a(device))
        let amplitude = 0.1 + 4.9 * unit(&rng)
        let phase = Float.pi * unit(&rng)
        return (0..<count).map { _ in
            let x = -5 + 10 * unit(&rng)
            return FleetSample(x: x, y: amplitude * sin(x - phase))
        }
    }

    /// Uniform in [0, 1) from the top 24 bits.
    static func unit(_ rng: inout SplitMix64) -> Float { Float(rng.next() >> 40) * 0x1p-24 }

    /// FNV-1a 64 of the id's UTF-8 bytes.
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}

/// A Dense–ReLU network in one flat `[Float]`: per layer weight `[out, in]` row-major, then bias.
public struct FleetMLP: Sendable, Equatable {
    public let sizes: [Int]
    public init(sizes: [Int]) { self.sizes = sizes }

    public var parameterCount: Int { (0..<(sizes.count - 1)).reduce(0) { $0 + sizes[$1] * sizes[$1 + 1] + sizes[$1 + 1] } }

    /// Uniform ±1/√fan_in for weights and biases, layer by layer (PyTorch's default).
    public func initialParameters(seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var p: [Float] = []
        for l in 0..<(sizes.count - 1) {
            let limit = 1 / Float(sizes[l]).squareRoot()
            for _ in 0..<(sizes[l] * sizes[l + 1] + sizes[l + 1]) { p.append(rng.nextFloat(limit: limit)) }
        }
        return p
    }

    /// Per-layer outputs (after ReLU on hidden layers) for input `x`.
    func forward(_ p: [Float], _ x: [Float]) -> [[Float]] {
        var acts = [x]
        var offset = 0
        for l in 0..<(sizes.count - 1) {
            let n = sizes[l], m = sizes[l + 1], a = acts[l]
            var out = [Float](repeating: 0, count: m)
            for o in 0..<m {
                var s = p[offset + n * m + o]
                for i in 0..<n { s += p[offset + o * n + i] * a[i] }
                out[o] = l < sizes.count - 2 ? max(0, s) : s
            }
            acts.append(out)
            offset += n * m + m
        }
        return acts
    }

    /// Online SGD on MSE: for each batch, gradient 2(ŷ − y)/B summed over the batch, one step
    /// of `rate`; `epochs` passes over `samples` in order.
    public func train(_ start: [Float], samples: [FleetSample], rate: Float, epochs: Int, batch: Int) -> [Float] {
        var p = start
        for _ in 0..<epochs {
            var i = 0
            while i < samples.count {
                let chunk = samples[i..<min(i + batch, samples.count)]
                var grad = [Float](repeating: 0, count: p.count)
                for s in chunk { accumulate(&grad, p, s, scale: 2 / Float(chunk.count)) }
                for j in 0..<p.count { p[j] -= rate * grad[j] }
                i += batch
            }
        }
        return p
    }

    private func accumulate(_ g: inout [Float], _ p: [Float], _ s: FleetSample, scale: Float) {
        let acts = forward(p, [s.x])
        var delta = [(acts[acts.count - 1][0] - s.y) * scale]
        var offsets: [Int] = [0]
        for l in 0..<(sizes.count - 1) { offsets.append(offsets[l] + sizes[l] * sizes[l + 1] + sizes[l + 1]) }
        for l in stride(from: sizes.count - 2, through: 0, by: -1) {
            let n = sizes[l], m = sizes[l + 1], a = acts[l], base = offsets[l]
            var down = [Float](repeating: 0, count: n)
            for o in 0..<m {
                let d = delta[o]
                g[base + n * m + o] += d
                for i in 0..<n {
                    g[base + o * n + i] += d * a[i]
                    down[i] += d * p[base + o * n + i]
                }
            }
            if l > 0 { for i in 0..<n where a[i] <= 0 { down[i] = 0 } }
            delta = down
        }
    }

    /// Mean squared error of `p` on `samples`.
    public func mse(_ p: [Float], _ samples: [FleetSample]) -> Float {
        samples.reduce(Float(0)) { let e = forward(p, [$1.x]).last![0] - $1.y; return $0 + e * e } / Float(max(1, samples.count))
    }
}

/// The server update rules. TinyReptile and Reptile: φ ← φ + β_r · mean(θ_i − φ).
/// FedAvg: φ ← Σ n_i θ_i / Σ n_i. No updates: φ unchanged.
public enum ServerRule {
    public static func apply(strategy: String, current: [Float], updates: [(weights: [Float], samples: Int)], step: Float) -> [Float] {
        guard !updates.isEmpty else { return current }
        var next = current
        if strategy == "fedavg" {
            let total = Float(updates.reduce(0) { $0 + $1.samples })
            for j in 0..<next.count { next[j] = updates.reduce(Float(0)) { $0 + Float($1.samples) * $1.weights[j] } / total }
        } else {
            let m = Float(updates.count)
            for j in 0..<next.count {
                let mean = updates.reduce(Float(0)) { $0 + ($1.weights[j] - current[j]) } / m
                next[j] = current[j] + step * mean
            }
        }
        return next
    }
}

/// Which devices a round asks: `devicesPerRound` drawn without replacement from the fleet minus
/// `excluding`, seeded by (seed, round, attempt) — a pure function, so a restarted coordinator
/// and the simulation pick the same devices.
public enum FleetSchedule {
    public static func participants(_ c: FleetConfig, round: Int, attempt: Int = 0, excluding: Set<String> = []) -> [String] {
        var pool = c.devices.filter { !excluding.contains($0) }
        var rng = SplitMix64(seed: c.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(round) &* 0xD1B5_4A32_D192_ED03 &+ UInt64(attempt) << 48)
        var out: [String] = []
        while out.count < c.devicesPerRound, !pool.isEmpty {
            out.append(pool.remove(at: Int(rng.next() % UInt64(pool.count))))
        }
        return out
    }
}
