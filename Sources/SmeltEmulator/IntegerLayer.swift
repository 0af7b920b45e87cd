import SmeltIR
import SmeltQuant

/// One node of `IntegerInterpreter` with everything precomputed: requantization, tables,
/// constants as integers, and the geometry of windows.
struct IntegerLayer: Sendable {
    let node: Node
    let rq: Requantization
    /// Constant inputs widened to Int32 (weights, constant operands); biases are in `bias`.
    let constants: [String: [Int32]]
    let bias: [Int64]?
    /// The name of the bias tensor, if the node has one.
    let biasName: String?
    let inputShapes: [[Int]]
    let outputShape: [Int]
    let table8: [Int8]
    let table16: [Int16]
    let expTable: [Int32]
    let softmaxFactor: Int64
    /// TFLite Micro's Softmax / MEAN for nodes with `semantics == .tflm`.
    let tfliteSoftmax: TFLiteSoftmax?
    let tfliteMean: TFLiteMean?

    init(node: Node, graph g: Graph) throws {
        self.node = node
        switch node.op {
        case .batchNorm, .quantize, .dequantize:
            throw SmeltError.node(node.name, "\(node.op.kind.rawValue) has no integer semantics; quantize a folded float graph instead")
        default: break
        }
        self.rq = try Requantization.forNode(node, in: g)
        let ins = try node.inputs.map { try g.requireTensor($0) }
        let out = try g.requireTensor(node.output)
        inputShapes = ins.map(\.shape)
        outputShape = out.shape
        var constants: [String: [Int32]] = [:]
        var bias: [Int64]? = nil
        var biasName: String? = nil
        for (i, t) in ins.enumerated() {
            guard let data = t.data else { continue }
            if i == 3 && node.op.weightInputPositions.contains(3) { continue }  // channel scale: in `rq`
            guard let ints = data.integers else { throw SmeltError.node(node.name, "constant \"\(t.name)\" is not quantized") }
            if i == 2 && node.op.weightInputPositions.contains(2) {
                bias = ints
                biasName = t.name
            } else {
                constants[t.name] = ints.map { Int32($0) }
            }
        }
        self.constants = constants
        self.bias = bias
        self.biasName = biasName
        let inQ = ins[0].quant!, outQ = out.quant!
        let wide = out.dtype == .int16
        switch node.op {
        case .sigmoid:
            table8 = wide ? [] : LookupTables.sigmoid(inputParams: inQ, outputParams: outQ)
            table16 = wide ? LookupTables.sigmoid16(inputParams: inQ, outputParams: outQ) : []
        case .tanh:
            table8 = wide ? [] : LookupTables.tanh(inputParams: inQ, outputParams: outQ)
            table16 = wide ? LookupTables.tanh16(inputParams: inQ, outputParams: outQ) : []
        default:
            table8 = []
            table16 = []
        }
        if case .softmax = node.op {
            expTable = LookupTables.softmaxExp(inputParams: inQ, dtype: out.dtype)
            softmaxFactor = LookupTables.softmaxOutputFactor(outputParams: outQ)
        } else {
            expTable = []
            softmaxFactor = 0
        }
        tfliteSoftmax = node.semantics == .tflm && node.op == .softmax ? TFLiteSoftmax(inputScale: inQ.scales[0]) : nil
        if node.semantics == .tflm, node.op == .globalAveragePool, ins[0].shape.count == 3 {
            tfliteMean = TFLiteMean(input: inQ, output: outQ, count: max(ins[0].shape[0] * ins[0].shape[1], 1))
        } else {
            tfliteMean = nil
        }
    }

    /// How many leading inputs the kernel reads as integers: all but a channel scale (input 3),
    /// which is already folded into `rq`.
    var valueInputCount: Int {
        node.inputs.count > 3 && node.op.weightInputPositions.contains(3) ? 3 : node.inputs.count
    }

    /// Computes the node's output from its input values.
    func run(_ x: [[Int32]]) -> [Int32] {
        switch node.op {
        case .dense:
            let w = inputShapes[1]
            return IntegerKernels.dense(x[0], weight: x[1], bias: bias, inFeatures: w[1], outFeatures: w[0], rq: rq)
        case .conv2d(let a):
            let w = inputShapes[1]
            let g = WindowGeometry(input: inputShapes[0], kH: w[1], kW: w[2], strideH: a.strideH, strideW: a.strideW, padding: a.padding)
            return IntegerKernels.conv2d(x[0], weight: x[1], bias: bias, outChannels: w[0], geometry: g, rq: rq)
        case .depthwiseConv2d(let a):
            let w = inputShapes[1]
            let g = WindowGeometry(input: inputShapes[0], kH: w[1], kW: w[2], strideH: a.strideH, strideW: a.strideW, padding: a.padding)
            return IntegerKernels.depthwiseConv2d(x[0], weight: x[1], bias: bias, geometry: g, rq: rq)
        case .maxPool2d(let p):
            let g = WindowGeometry(input: inputShapes[0], kH: p.sizeH, kW: p.sizeW, strideH: p.strideH, strideW: p.strideW, padding: p.padding)
            return IntegerKernels.maxPool2d(x[0], geometry: g, rq: rq)
        case .averagePool2d(let p):
            let g = WindowGeometry(input: inputShapes[0], kH: p.sizeH, kW: p.sizeW, strideH: p.strideH, strideW: p.strideW, padding: p.padding)
            return IntegerKernels.averagePool2d(x[0], geometry: g, rq: rq)
        case .globalAveragePool:
            if let m = tfliteMean { return IntegerKernels.tfliteMean(x[0], shape: inputShapes[0], mean: m, rq: rq) }
            return IntegerKernels.globalAveragePool(x[0], shape: inputShapes[0], rq: rq)
        case .relu, .relu6:
            return IntegerKernels.clamp(x[0], rq: rq)
        case .sigmoid, .tanh:
            return table16.isEmpty ? IntegerKernels.lookup8(x[0], table: table8) : IntegerKernels.lookup16(x[0], table: table16)
        case .softmax:
            if let t = tfliteSoftmax { return IntegerKernels.tfliteSoftmax(x[0], rowLength: outputShape.last ?? 1, softmax: t) }
            return IntegerKernels.softmax(x[0], rowLength: outputShape.last ?? 1, expTable: expTable,
                                          wide: rq.scheme == .int16, factor: softmaxFactor, rq: rq)
        case .reshape, .flatten:
            return x[0]
        case .add:
            return IntegerKernels.add(x[0], x[1], rq: rq)
        case .concatenate:
            return IntegerKernels.concatenate(x, channels: inputShapes.map { $0.last ?? 1 }, rq: rq)
        case .batchNorm, .quantize, .dequantize:
            preconditionFailure("rejected when the layer was built")
        }
    }
}
