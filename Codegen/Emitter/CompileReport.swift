/// One layer of a compiled model.
public struct LayerReport: Sendable, Equatable {
    /// 0-based layer index (the argument of `SMELT_LAYER_BEGIN` / `SMELT_LAYER_END`).
    public var index: Int
    /// Source node name.
    public var name: String
    /// Op spelling ("Conv2D", ...).
    public var op: String
    /// Kernel functions the layer calls (empty when a Reshape aliases its input).
    public var kernels: [String]
    public var outputShape: [Int]
    /// Multiply-accumulates per inference.
    public var macs: Int
    /// Bytes of the constant tensors the layer reads (a shared tensor counts for every reader).
    public var weightBytes: Int
    /// Bytes of the layer's output tensor.
    public var activationBytes: Int
    /// Arena offset of the output's storage; `nil` when it is the caller's output buffer.
    public var arenaOffset: Int?
}

/// Sizes and costs of a generated model; flash is an estimate, RAM is exact.
public struct CompileReport: Sendable, Equatable, CustomStringConvertible {
    public var layers: [LayerReport]
    /// Bytes of the weight and bias arrays, each emitted once however many layers read it.
    public var weightBytes: Int
    /// Bytes of lookup and exponent tables.
    public var tableBytes: Int
    /// Bytes of multiplier / shift arrays and params structs (4 bytes per field).
    public var paramBytes: Int
    /// The static activation arena (`NAME_ARENA_BYTES`).
    public var arenaBytes: Int

    /// Estimated read-only bytes: weights + tables + params (kernel code not included).
    public var flashBytes: Int { weightBytes + tableBytes + paramBytes }
    /// RAM for activations: the arena.
    public var ramBytes: Int { arenaBytes }
    /// Multiply-accumulates per inference over all layers.
    public var totalMACs: Int { layers.reduce(0) { $0 + $1.macs } }

    /// A fixed-width table, one line per layer, then the totals.
    public var description: String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var lines = [pad("#", 4) + pad("layer", 20) + pad("op", 18) + pad("output", 16) + pad("MACs", 12)
                     + pad("weights", 10) + pad("act", 8) + "offset"]
        for l in layers {
            lines.append(pad("\(l.index)", 4) + pad(l.name, 20) + pad(l.op, 18) + pad("\(l.outputShape)", 16)
                         + pad("\(l.macs)", 12) + pad("\(l.weightBytes)", 10) + pad("\(l.activationBytes)", 8)
                         + (l.arenaOffset.map(String.init) ?? "output"))
        }
        lines.append("MACs \(totalMACs); flash ≈ \(flashBytes) B (weights \(weightBytes), tables \(tableBytes), params \(paramBytes)); RAM \(ramBytes) B arena")
        return lines.joined(separator: "\n")
    }
}
