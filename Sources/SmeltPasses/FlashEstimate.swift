import SmeltIR

/// Parameters and an estimate of the int8 flash bytes of a float graph, for comparing models
/// before and after kernel sharing without calibration data.
///
/// The graph is run through `Pipeline.standard` first (BatchNorm folded: into the kernel, or
/// into the layer's channel scale when the kernel is shared). Then every **distinct** constant
/// read by a node counts as it would after int8 quantization: Dense/Conv2D/DepthwiseConv2D
/// weights 1 byte per element, their biases 4 bytes (int32; a shared bias whose readers need
/// different scales is duplicated by the quantizer, which this estimate ignores), channel scales
/// 0 (compile time only: folded into multipliers), other constants 1 byte. Multiplier/shift arrays
/// and code are not included (the compile report has them).
/// Example: Dense 4→2 with bias → 8 + 2·4 = 16 bytes.
public struct FlashEstimate: Sendable, Equatable {
    /// Distinct parameters of the graph as given (`GraphStatistics.totalParameters`).
    public var parameters: Int
    /// Estimated int8 weight bytes after folding and quantization.
    public var int8WeightBytes: Int

    public init(_ graph: Graph) throws {
        parameters = GraphStatistics(graph).totalParameters
        let g = try Pipeline.standard(graph)
        var seen = Set<String>()
        var bytes = 0
        for n in g.nodes {
            for (i, name) in n.inputs.enumerated() {
                guard let t = g.tensor(name), t.isConstant, seen.insert(name).inserted else { continue }
                switch (n.op.kind, i) {
                case (.dense, 2), (.conv2d, 2), (.depthwiseConv2d, 2): bytes += 4 * t.elementCount
                case (.dense, 3), (.conv2d, 3), (.depthwiseConv2d, 3): break
                default: bytes += t.elementCount
                }
            }
        }
        int8WeightBytes = bytes
    }
}
