import SmeltIR
import SmeltQuant

extension LoweringContext {
    /// Sigmoid / Tanh (int8: 256-entry table; int16: 513-entry interpolated table) and Softmax
    /// (Q16 exponent table), all from SmeltQuant's `LookupTables`, the emulator's own numbers.
    mutating func lowerTable(_ node: Node, layer: Int) throws -> LoweredLayer {
        let (x, qx) = try quant(node.inputs[0], node: node)
        let (y, qy) = try quant(node.output, node: node)
        guard x.dtype == y.dtype else { throw fail(node, "input is \(x.dtype.rawValue) but output is \(y.dtype.rawValue)") }
        let dtype = x.dtype == .int16 ? "s16" : "s8"
        if node.op == .softmax {
            let rq = try requantization(node)
            let depth = x.shape.last ?? 1
            guard depth <= 32767 else { throw fail(node, "Softmax rows of \(depth) values exceed 32767") }
            let table = int32Array("l\(layer)_exp", LookupTables.softmaxExp(inputParams: qx, dtype: x.dtype), isTable: true)
            let name = params("smelt_softmax_params", layer: layer, fields: [
                ("outer", "\(x.elementCount / max(depth, 1))"), ("depth", "\(depth)"),
                ("factor", "\(LookupTables.softmaxOutputFactor(outputParams: qy))"), ("output_offset", "\(rq.outputZeroPoint)"),
                ("act_min", CSyntax.literal(Int64(rq.activationMin), dtype: .int32)), ("act_max", "\(rq.activationMax)"),
                ("exp_table", table),
            ])
            let function = "smelt_softmax_\(dtype)"
            let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
            return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
        }
        let isSigmoid = node.op == .sigmoid
        let fields: [(String, String)]
        if x.dtype == .int16 {
            let values = isSigmoid ? LookupTables.sigmoid16(inputParams: qx, outputParams: qy) : LookupTables.tanh16(inputParams: qx, outputParams: qy)
            tableBytes += values.count * 2
            let table = pool.array("\(prefix)_l\(layer)_table", values.map(Int64.init), dtype: .int16)
            fields = [("size", "\(x.elementCount)"), ("table", "0"), ("table16", table)]
        } else {
            let values = isSigmoid ? LookupTables.sigmoid(inputParams: qx, outputParams: qy) : LookupTables.tanh(inputParams: qx, outputParams: qy)
            tableBytes += values.count
            let table = pool.array("\(prefix)_l\(layer)_table", values.map(Int64.init), dtype: .int8)
            fields = [("size", "\(x.elementCount)"), ("table", table), ("table16", "0")]
        }
        let name = params("smelt_lut_params", layer: layer, fields: fields)
        let function = "smelt_lut_\(dtype)"
        let call = "\(function)(&\(name), \(try pointer(x.name)), \(try pointer(y.name)));"
        return LoweredLayer(kernelFiles: [function + ".c"], kernels: [function], statements: [call])
    }
}
