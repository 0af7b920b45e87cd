import Foundation
import SmeltIR

extension LoweringContext {
    /// Sigmoid / Tanh (a 256-entry int8 table) and Softmax (a 256-entry Q16 exponent table).
    mutating func lowerTable(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, qx) = try quant(node.inputs[0], node: node)
        let (y, qy) = try quant(node.output, node: node)
        guard x.dtype == .int8, y.dtype == .int8 else {
            throw fail(node, "\(node.op.kind.rawValue) is generated for int8 tensors only, got \(x.dtype.rawValue)")
        }
        if node.op == .softmax {
            guard qy.scale(channel: 0) == 1.0 / 256, qy.zeroPoint(channel: 0) == -128 else {
                throw fail(node, "Softmax output \"\(y.name)\" must have scale 1/256 and zero point -128")
            }
            let depth = x.shape.last ?? 1
            let table = int32Array("l\(layer)_exp", Requantization.softmaxExpTable(inputScale: qx.scale(channel: 0)), isTable: true)
            let name = params("smelt_softmax_params", layer: layer, fields: [
                ("outer", "\(x.elementCount / max(depth, 1))"), ("depth", "\(depth)"), ("exp_table", table),
            ])
            let call = "smelt_softmax_s8(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
            return LoweredLayer(kernelFiles: ["smelt_softmax_s8.c"], kernels: ["smelt_softmax_s8"], statements: [call])
        }
        let f: (Double) -> Double = node.op == .sigmoid ? { 1 / (1 + Foundation.exp(-$0)) } : { Foundation.tanh($0) }
        let values = Requantization.lookupTable(input: qx, output: qy, f)
        tableBytes += 256
        let table = pool.array("\(prefix)_l\(layer)_table", values.map(Int64.init), dtype: .int8)
        let name = params("smelt_lut_params", layer: layer, fields: [("size", "\(x.elementCount)"), ("table", table)])
        let call = "smelt_lut_s8(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: ["smelt_lut_s8.c"], kernels: ["smelt_lut_s8"], statements: [call])
    }
}
