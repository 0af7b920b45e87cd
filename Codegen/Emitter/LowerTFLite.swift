import SmeltIR
import SmeltQuant

extension LoweringContext {
    /// Softmax and GlobalAveragePool of nodes with `semantics == .tflm` (graphs read from .tflite):
    /// TFLite Micro's int8 kernels, with the table and multipliers from SmeltQuant's `TFLiteSoftmax`
    /// and `TFLiteMean`, the numbers the integer interpreter uses.
    mutating func lowerTFLite(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, qx) = try quant(node.inputs[0], node: node)
        let (y, qy) = try quant(node.output, node: node)
        guard x.dtype == .int8, y.dtype == .int8 else {
            throw fail(node, "TFLite Micro semantics need int8 input and output, got \(x.dtype.rawValue) and \(y.dtype.rawValue)")
        }
        let function: String
        let name: String
        if node.op == .softmax {
            let depth = max(x.shape.last ?? 1, 1)
            let softmax = TFLiteSoftmax(inputScale: qx.scales[0])
            let table = int32Array("l\(layer)_exp", softmax.expTable, isTable: true)
            function = "smelt_softmax_tflm_s8"
            name = params("smelt_softmax_tflm_params", layer: layer, fields: [
                ("outer", "\(x.elementCount / depth)"), ("depth", "\(depth)"), ("exp_table", table),
            ])
        } else {
            guard x.shape.count == 3 else { throw fail(node, "MEAN needs an [H, W, C] input, got \(x.shape)") }
            let rq = try requantization(node)
            let mean = TFLiteMean(input: qx, output: qy, count: max(x.shape[0] * x.shape[1], 1))
            function = "smelt_mean_tflm_s8"
            name = params("smelt_mean_tflm_params", layer: layer, fields: [
                ("count", "\(mean.count)"), ("c", "\(x.shape[2])"), ("input_zp", "\(mean.inputZeroPoint)"),
                ("output_offset", "\(mean.outputZeroPoint)"), ("multiplier", "\(mean.multiplier)"), ("shift", "\(mean.shift)"),
                ("act_min", "\(rq.activationMin)"), ("act_max", "\(rq.activationMax)"),
            ])
        }
        let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
    }
}
