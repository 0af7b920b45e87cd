/// Parameter, compute and memory figures of a graph, per node and in total.
///
/// Conventions:
/// - **Parameters** are the elements of the constant tensors a node reads. BatchNorm follows
///   PyTorch: gamma and beta are parameters, running mean and variance are *buffers*
///   (counted in `buffers`, not `parameters`). A constant is a buffer only if every read of it
///   is a BatchNorm mean/variance input.
/// - **Totals count each distinct tensor once**: a kernel shared by 16 layers adds its elements
///   to every one of those layers' `parameters`, but only once to `totalParameters`.
/// - **MACs** (multiply–accumulates): Dense `in·out`; Conv2D `oh·ow·cout·kh·kw·cin`;
///   DepthwiseConv2D `oh·ow·c·kh·kw`; every other op (pools, activations, Add, BatchNorm,
///   Softmax, ...) counts 0. Bias additions are not counted.
/// - **Activation bytes** of a node: bytes of its output tensor (elements × dtype width).
///
/// Example: Dense 1→16 with bias has 16 + 16 = 32 parameters and 1·16 = 16 MACs.
public struct GraphStatistics: Sendable {
    /// Figures of one node.
    public struct NodeStatistics: Sendable, Equatable {
        public var name: String
        public var op: OpKind
        public var outputShape: [Int]
        /// Elements of the parameter tensors the node reads (shared ones included).
        public var parameters: Int
        /// Elements of the buffer tensors (BatchNorm mean/variance) the node reads.
        public var buffers: Int
        public var macs: Int
        /// Bytes of the output tensor.
        public var activationBytes: Int
    }

    /// Per-node figures in execution order.
    public var nodes: [NodeStatistics]
    /// Σ elements over distinct parameter tensors (constants read by at least one node).
    public var totalParameters: Int
    /// Σ elements over distinct buffer tensors.
    public var totalBuffers: Int
    /// Σ MACs over nodes.
    public var totalMACs: Int
    /// Σ output bytes over nodes.
    public var totalActivationBytes: Int
    /// Bytes of distinct constant tensors (parameters and buffers) by dtype.
    public var weightBytesByDType: [DType: Int]
    /// Bytes of all distinct constant tensors.
    public var totalWeightBytes: Int { weightBytesByDType.values.reduce(0, +) }
    /// Constant tensors read by more than one node.
    public var sharedTensorCount: Int

    /// Computes the statistics. Shapes come from `graph.verified()` when it verifies, otherwise
    /// from the tensors as given (missing output tensors count as shape `[]`, 0 bytes).
    public init(_ graph: Graph) {
        let g = (try? graph.verified()) ?? graph
        var readAsParameter = Set<String>(), readAsBuffer = Set<String>()
        var readers: [String: Int] = [:]
        for n in g.nodes {
            for (i, name) in n.inputs.enumerated() where g.tensor(name)?.isConstant == true {
                if case .batchNorm = n.op, i >= 3 { readAsBuffer.insert(name) } else { readAsParameter.insert(name) }
            }
            for name in Set(n.inputs) where g.tensor(name)?.isConstant == true { readers[name, default: 0] += 1 }
        }
        func isBuffer(_ name: String) -> Bool { readAsBuffer.contains(name) && !readAsParameter.contains(name) }

        nodes = g.nodes.map { n in
            var params = 0, buffers = 0
            for name in Set(n.inputs) {
                guard let t = g.tensor(name), t.isConstant else { continue }
                if isBuffer(name) { buffers += t.elementCount } else { params += t.elementCount }
            }
            let out = g.tensor(n.output)
            return NodeStatistics(name: n.name, op: n.op.kind, outputShape: out?.shape ?? [],
                                  parameters: params, buffers: buffers, macs: Self.macs(n, g),
                                  activationBytes: out.map { $0.data == nil ? $0.byteCount : 0 } ?? 0)
        }
        var params = 0, buffers = 0
        var bytes: [DType: Int] = [:]
        for t in g.tensors where readers[t.name] != nil {
            if isBuffer(t.name) { buffers += t.elementCount } else { params += t.elementCount }
            bytes[t.dtype, default: 0] += t.byteCount
        }
        totalParameters = params
        totalBuffers = buffers
        weightBytesByDType = bytes
        totalMACs = nodes.reduce(0) { $0 + $1.macs }
        totalActivationBytes = nodes.reduce(0) { $0 + $1.activationBytes }
        sharedTensorCount = readers.values.filter { $0 > 1 }.count
    }

    /// Multiply–accumulates of one node (see the type's conventions).
    static func macs(_ n: Node, _ g: Graph) -> Int {
        guard n.inputs.count > 1, let w = g.tensor(n.inputs[1])?.shape, let out = g.tensor(n.output)?.shape else { return 0 }
        switch n.op {
        case .dense:
            return w.count == 2 ? w[0] * w[1] : 0
        case .conv2d:
            return w.count == 4 && out.count == 3 ? out[0] * out[1] * w[0] * w[1] * w[2] * w[3] : 0
        case .depthwiseConv2d:
            return w.count == 4 && out.count == 3 ? out[0] * out[1] * out[2] * w[1] * w[2] : 0
        default:
            return 0
        }
    }

    /// A plain-text table: one line per node, then the totals.
    public var report: String {
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        var lines = [pad("node", 20) + pad("op", 18) + pad("output", 16) + lpad("params", 10) + lpad("MACs", 12) + lpad("act bytes", 11)]
        for n in nodes {
            lines.append(pad(n.name, 20) + pad(n.op.rawValue, 18) + pad("\(n.outputShape)", 16)
                         + lpad("\(n.parameters)", 10) + lpad("\(n.macs)", 12) + lpad("\(n.activationBytes)", 11))
        }
        let byType = weightBytesByDType.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        lines.append("total parameters \(totalParameters) (distinct tensors; \(sharedTensorCount) shared), buffers \(totalBuffers)")
        lines.append("total MACs \(totalMACs), activation bytes \(totalActivationBytes), weight bytes \(totalWeightBytes) (\(byType.joined(separator: ", ")))")
        return lines.joined(separator: "\n")
    }
}
