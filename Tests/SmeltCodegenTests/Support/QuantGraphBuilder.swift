import Foundation
import SmeltIR

/// The quantization schemes of docs/contracts.md.
enum TestScheme: String, CaseIterable, Sendable {
    case s8, s16, pow2
}

/// Builds quantized graphs by hand (int8 / int16 / power-of-two tensors with `QuantParams`),
/// with random weights and scales chosen so that outputs use most of their range.
struct QuantGraphBuilder {
    var rng: SplitMix64
    let scheme: TestScheme
    var tensors: [Tensor] = []
    var nodes: [Node] = []
    var shapes: [String: [Int]] = [:]
    var quants: [String: QuantParams] = [:]
    var inputName = ""

    init(scheme: TestScheme, seed: UInt64) {
        self.scheme = scheme
        rng = SplitMix64(seed: seed)
    }

    var dtype: DType { scheme == .s16 ? .int16 : .int8 }
    var qmax: Double { scheme == .s16 ? 32767 : 127 }

    mutating func random(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func random(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }

    /// Activation params: int8 asymmetric, int16 symmetric, pow2 `2^-n`.
    mutating func params(scale: Double) -> QuantParams {
        switch scheme {
        case .s8: return QuantParams(scale: Float(scale), zeroPoint: Int32(random(-20...20)))
        case .s16: return QuantParams(scale: Float(scale), zeroPoint: 0)
        case .pow2:
            let n = Int((-log2(scale)).rounded())
            return QuantParams(scales: [Float(pow(2, -Double(n)))], zeroPoints: [0], fractionalBits: n)
        }
    }

    mutating func activation(_ name: String, shape: [Int], quant: QuantParams, dtype: DType? = nil) -> String {
        tensors.append(Tensor(name: name, shape: shape, dtype: dtype ?? self.dtype, quant: quant))
        shapes[name] = shape
        quants[name] = quant
        return name
    }

    mutating func input(_ shape: [Int], scale: ClosedRange<Double> = 0.01...0.1) -> String {
        // int16 inputs cover the same real range as int8 ones, with 256 times finer steps.
        let step = random(scale) / (scheme == .s16 ? 256 : 1)
        inputName = activation("x", shape: shape, quant: params(scale: step))
        return inputName
    }

    /// Appends a node whose output tensor gets `quant` and the inferred shape.
    mutating func node(_ name: String, _ op: Op, _ inputs: [String], quant: QuantParams) throws -> String {
        let ins = inputs.map { n in tensors.first { $0.name == n }! }
        let (shape, _) = try ShapeInference.infer(node: Node(name: name, op: op, inputs: inputs, output: name + "_out"), inputs: ins)
        nodes.append(Node(name: name, op: op, inputs: inputs, output: name + "_out"))
        return activation(name + "_out", shape: shape, quant: quant)
    }

    /// Dense / Conv2D / DepthwiseConv2D with random int8 weights (per channel except pow2) and bias.
    mutating func layer(_ name: String, _ op: Op, _ x: String, outChannels: Int, kernel: (Int, Int) = (1, 1), outScale fixedScale: Double? = nil) throws -> String {
        let inShape = shapes[x]!
        let qIn = quants[x]!
        let wShape: [Int]
        let axis: Int
        switch op {
        case .dense: wShape = [outChannels, inShape[0]]; axis = 0
        case .conv2d: wShape = [outChannels, kernel.0, kernel.1, inShape[2]]; axis = 0
        default: wShape = [1, kernel.0, kernel.1, inShape[2]]; axis = 3
        }
        let outC = op.kind == .depthwiseConv2d ? inShape[2] : outChannels
        let fanIn = wShape.reduce(1, *) / outC
        let count = wShape.reduce(1, *)
        let weights = (0..<count).map { _ in Int8(random(-127...127)) }
        let wQuant: QuantParams
        switch scheme {
        case .pow2:
            let n = random(5...8)
            wQuant = QuantParams(scales: [Float(pow(2, -Double(n)))], zeroPoints: [0], fractionalBits: n)
        default:
            let scales = (0..<outC).map { _ in Float(random(0.002...0.02)) }
            wQuant = QuantParams(scales: scales, zeroPoints: Array(repeating: 0, count: outC), axis: axis)
        }
        tensors.append(Tensor(name: name + "_w", shape: wShape, dtype: .int8, data: .int8(weights), quant: wQuant))
        let xSpread = scheme == .s16 ? 18000.0 : 70.0
        let accStd = sqrt(Double(fanIn)) * xSpread * 73
        let bias = (0..<outC).map { _ in Int64(random(-1.0...1.0) * accStd) }
        let biasQuant = QuantParams(scales: (0..<outC).map { qIn.scales[0] * wQuant.scale(channel: $0) },
                                    zeroPoints: Array(repeating: 0, count: outC), axis: 0)
        let biasData: TensorData = scheme == .s16 ? .int64(bias) : .int32(bias.map { Int32($0) })
        tensors.append(Tensor(name: name + "_b", shape: [outC], dtype: scheme == .s16 ? .int64 : .int32, data: biasData, quant: biasQuant))
        let outScale = fixedScale ?? 2.5 * accStd * Double(qIn.scales[0]) * Double(wQuant.scale(channel: 0)) / qmax
        return try node(name, op, [x, name + "_w", name + "_b"], quant: params(scale: outScale))
    }

    /// The graph from the input to `output`.
    func graph(output: String) -> Graph {
        Graph(name: "test", tensors: tensors, nodes: nodes, inputs: [inputName], outputs: [output])
    }

    /// Random inputs over the whole dtype range.
    mutating func inputs(_ count: Int) -> [[Int64]] {
        let n = shapes[inputName]!.reduce(1, *)
        let r = dtype.integerRange!
        return (0..<count).map { _ in (0..<n).map { _ in Int64.random(in: r, using: &rng) } }
    }
}
