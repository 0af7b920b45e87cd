import SmeltQuant

extension IntegerKernels {
    /// TFLite Micro's int8 Softmax over the last axis (`TFLiteSoftmax.run` per row of `n` values).
    static func tfliteSoftmax(_ x: [Int32], rowLength n: Int, softmax: TFLiteSoftmax) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(x.count)
        for row in stride(from: 0, to: x.count, by: max(n, 1)) {
            out += softmax.run(x[row..<min(row + n, x.count)])
        }
        return out
    }

    /// TFLite Micro's int8 MEAN over H and W of `[H, W, C]`: per channel the int32 sum of the raw
    /// values, then `TFLiteMean.mean(sum:)`, clamped to the activation range.
    static func tfliteMean(_ x: [Int32], shape: [Int], mean: TFLiteMean, rq: Requantization) -> [Int32] {
        let (h, w, c) = (shape[0], shape[1], shape[2])
        return (0..<c).map { ch in
            var sum: Int32 = 0
            for p in 0..<(h * w) { sum = sum &+ x[p * c + ch] }
            return mean.mean(sum: sum, lo: rq.activationMin, hi: rq.activationMax)
        }
    }
}
