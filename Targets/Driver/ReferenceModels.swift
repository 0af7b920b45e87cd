import SmeltIR

/// Reference model shapes with random (seeded) weights, used by the benchmarks to compare Smelt
/// with hand-wired CMSIS-NN kernels on the same layers.
///
/// MAC counts (Dense in·out, Conv2D oh·ow·cout·kh·kw·cin, depthwise oh·ow·c·kh·kw):
/// - keyword-spotting DS-CNN: 320,000 + 4 × (72,000 + 512,000) + 768 = 2,656,768
/// - MLPerf Tiny anomaly-detection autoencoder: 264,192
public enum ReferenceModels {
    /// Names accepted by `model(named:)`.
    public static let names = ["ds-cnn", "autoencoder"]

    /// The reference model called `name`, or `nil`.
    public static func model(named name: String) throws -> Graph? {
        switch name {
        case "ds-cnn": return try keywordSpottingDSCNN()
        case "autoencoder": return try anomalyAutoencoder()
        default: return nil
        }
    }

    /// Keyword-spotting DS-CNN: input 49×10×1; conv 10×4 stride 2 same → 64, ReLU;
    /// 4 × [depthwise 3×3 same + ReLU, pointwise 1×1 64 + ReLU]; global average pool; dense 12; softmax.
    public static func keywordSpottingDSCNN(seed: UInt64 = 1) throws -> Graph {
        var b = GraphBuilder(name: "ds_cnn", input: [49, 10, 1], seed: seed)
        b.setMetadata("task", "keyword spotting (reference shape, random weights)")
        var x = b.conv2d(b.input, filters: 64, kernel: (10, 4), stride: 2, padding: .same, activation: .relu, name: "conv1")
        for i in 1...4 {
            x = b.depthwiseConv2d(x, kernel: (3, 3), padding: .same, activation: .relu, name: "dw\(i)")
            x = b.conv2d(x, filters: 64, kernel: (1, 1), padding: .valid, activation: .relu, name: "pw\(i)")
        }
        x = b.globalAveragePool(x, name: "pool")
        x = b.dense(x, units: 12, name: "fc")
        x = b.softmax(x, name: "softmax")
        return try b.finish(outputs: [x])
    }

    /// MLPerf Tiny anomaly-detection autoencoder: 640-128-128-128-128-8-128-128-128-128-640,
    /// ReLU on every hidden layer, linear output.
    public static func anomalyAutoencoder(seed: UInt64 = 2) throws -> Graph {
        var b = GraphBuilder(name: "autoencoder", input: [640], seed: seed)
        b.setMetadata("task", "anomaly detection (reference shape, random weights)")
        var x = b.input
        let widths = [128, 128, 128, 128, 8, 128, 128, 128, 128]
        for (i, w) in widths.enumerated() {
            x = b.dense(x, units: w, activation: .relu, name: "fc\(i + 1)")
        }
        x = b.dense(x, units: 640, name: "fc\(widths.count + 1)")
        return try b.finish(outputs: [x])
    }

    /// `count` seeded calibration/input samples uniform in [lo, hi] for a model's input.
    public static func samples(for graph: Graph, count: Int, range: ClosedRange<Float> = -1...1, seed: UInt64 = 7) -> [[Float]] {
        let n = graph.inputs.first.flatMap { graph.tensor($0)?.elementCount } ?? 0
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<n).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * Float(rng.next() >> 40) / Float(1 << 24) }
        }
    }
}
