import SmeltIR
import SmeltQuant

/// Few-shot digits (8×8, 64 features in [0, 1], label last: Examples/digits): each device sees
/// its own `ways` classes, relabelled 0..<ways in a device-specific order (N-way
/// classification, as in few-shot benchmarks), and its own distortion: a shift of the image by
/// −1, 0 or +1 pixel on each axis (zero fill), an intensity gain in [1 − 3d, 1 + 3d] and per-pixel
/// Gaussian noise of standard deviation d (d = `distortion`), clamped to [0, 1].
/// Fleet devices draw images from the training split, held-out devices from the test split.
public struct DigitsTask: FederatedTask {
    /// One device's classes and distortion.
    public struct Profile: Sendable, Equatable {
        public var classes: [Int]
        public var shift: (x: Int, y: Int)
        public var gain: Float
        public var heldOut: Bool
        public static func == (a: Profile, b: Profile) -> Bool {
            a.classes == b.classes && a.shift == b.shift && a.gain == b.gain && a.heldOut == b.heldOut
        }
    }

    /// Images by class of the training and test splits.
    let train: [[[Float]]]
    let test: [[[Float]]]
    public let ways: Int
    public let distortion: Double

    /// Reads the two CSVs (64 pixel columns then the label, with a header).
    public init(trainPath: String, testPath: String, ways: Int, distortion: Double) throws {
        func load(_ path: String) throws -> [[[Float]]] {
            let (x, y) = try CSVData(path: path, expectedColumns: 65).splittingLabelColumn(.last)
            var byClass = [[[Float]]](repeating: [], count: 10)
            for (row, label) in zip(x.rows, y) {
                let c = Int(label)
                guard (0..<10).contains(c), Float(c) == label else { throw SmeltError("\(path): label \(label) is not a digit 0-9") }
                byClass[c].append(row)
            }
            guard byClass.allSatisfy({ !$0.isEmpty }) else { throw SmeltError("\(path): every digit 0-9 needs at least one image") }
            return byClass
        }
        self.train = try load(trainPath)
        self.test = try load(testPath)
        self.ways = ways
        self.distortion = distortion
    }

    public var name: String { "digits" }
    public var loss: FederatedLoss { .softmaxCrossEntropy }
    public var inputWidth: Int { 64 }
    public var outputCount: Int { ways }
    public var targetWidth: Int { 1 }

    public func profile(of device: DeviceID, seed: UInt64) -> Profile {
        var rng = StreamSeed.generator(seed, .device, device.streamKey)
        var all = Array(0..<10)
        for j in 0..<ways { all.swapAt(j, j + rng.index(10 - j)) }
        let sx = rng.index(3) - 1, sy = rng.index(3) - 1
        let gain = Float(rng.uniform(1 - 3 * distortion, 1 + 3 * distortion))
        return Profile(classes: Array(all[0..<ways]), shift: (sx, sy), gain: gain, heldOut: device.heldOut)
    }

    public func appendSample(_ profile: Profile, rng: inout SplitMix64, to set: inout SampleSet) {
        let label = rng.index(ways)
        let pool = (profile.heldOut ? test : train)[profile.classes[label]]
        let image = pool[rng.index(pool.count)]
        for r in 0..<8 {
            for c in 0..<8 {
                let sr = r - profile.shift.y, sc = c - profile.shift.x
                var v: Float = (0..<8).contains(sr) && (0..<8).contains(sc) ? image[sr * 8 + sc] : 0
                v = v * profile.gain + (distortion > 0 ? Float(rng.normal() * distortion) : 0)
                set.inputs.append(min(1, max(0, v)))
            }
        }
        set.targets.append(Float(label))
    }
}
