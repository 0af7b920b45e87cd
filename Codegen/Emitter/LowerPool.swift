import SmeltIR
import SmeltQuant

extension LoweringContext {
    /// MaxPool2D, AveragePool2D and GlobalAveragePool (an average over the whole H × W).
    mutating func lowerPool(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, _) = try quant(node.inputs[0], node: node)
        let (y, _) = try quant(node.output, node: node)
        guard x.dtype == y.dtype else { throw fail(node, "input is \(x.dtype.rawValue) but output is \(y.dtype.rawValue)") }
        let (h, w, c) = (x.shape[0], x.shape[1], x.shape[2])
        let window: PoolAttributes
        let isMax: Bool
        switch node.op {
        case .maxPool2d(let p): window = p; isMax = true
        case .averagePool2d(let p): window = p; isMax = false
        default: window = PoolAttributes(sizeH: h, sizeW: w, strideH: 1, strideW: 1); isMax = false
        }
        let outH = ShapeInference.outputSize(input: h, kernel: window.sizeH, stride: window.strideH, padding: window.padding)
        let outW = ShapeInference.outputSize(input: w, kernel: window.sizeW, stride: window.strideW, padding: window.padding)
        let rq = try requantization(node)
        let fields: [(String, String)] = [
            ("in_h", "\(h)"), ("in_w", "\(w)"), ("c", "\(c)"), ("out_h", "\(outH)"), ("out_w", "\(outW)"),
            ("k_h", "\(window.sizeH)"), ("k_w", "\(window.sizeW)"),
            ("stride_h", "\(window.strideH)"), ("stride_w", "\(window.strideW)"),
            ("pad_top", "\(ShapeInference.padBefore(input: h, kernel: window.sizeH, stride: window.strideH, padding: window.padding))"),
            ("pad_left", "\(ShapeInference.padBefore(input: w, kernel: window.sizeW, stride: window.strideW, padding: window.padding))"),
            ("act_min", "\(rq.activationMin)"), ("act_max", "\(rq.activationMax)"),
        ]
        let dtype = x.dtype == .int16 ? "s16" : "s8"
        let name = params("smelt_pool_params", layer: layer, fields: fields)
        let function = "smelt_\(isMax ? "maxpool" : "avgpool")_\(dtype)"
        let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: ["smelt_pool_\(dtype).c"], kernels: [function], statements: [call])
    }
}
