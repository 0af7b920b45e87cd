import SmeltIR

/// The ordered pass lists applied before quantization and code generation.
public enum Pipeline {
    /// A named pass: a pure function from a graph to a verified graph.
    public typealias Pass = (name: String, run: @Sendable (Graph) throws -> Graph)

    /// The standard passes, in order:
    /// 1. `foldBatchNorm` — BatchNorm into the preceding Dense/Conv2D/DepthwiseConv2D;
    /// 2. `fuseActivations` — ReLU/ReLU6 into the preceding layer or Add.
    ///
    /// Folding runs first so that `conv → BatchNorm → ReLU` becomes a single conv with a fused ReLU.
    public static let standardPasses: [Pass] = [
        ("foldBatchNorm", { try foldBatchNorm($0) }),
        ("fuseActivations", { try fuseActivations($0) }),
    ]

    /// Runs `standardPasses` in order on `graph`; the result is verified.
    public static func standard(_ graph: Graph) throws -> Graph {
        var g = try graph.verified()
        for pass in standardPasses { g = try pass.run(g) }
        return g
    }
}
