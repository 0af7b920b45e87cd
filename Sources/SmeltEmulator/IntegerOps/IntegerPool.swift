import SmeltQuant

extension IntegerKernels {
    /// MaxPool2D: the largest input in the window (positions outside the input are ignored),
    /// clamped to `[activationMin, activationMax]`. Output parameters equal the input's.
    static func maxPool2d(_ x: [Int32], geometry g: WindowGeometry, rq: Requantization) -> [Int32] {
        window(x, g) { values in rq.clampOutput(Int64(values.max()!)) }
    }

    /// AveragePool2D: `sum` of the valid window elements (raw integers, padding ignored) divided by
    /// their `count`, rounded half away from zero — `sum > 0 ? (sum + count/2) / count :
    /// (sum − count/2) / count` with C division — then clamped. Example: `[1, 2, 2, 2]` → `(7 + 2) / 4 = 2`;
    /// `[−1, −2]` → `(−3 − 1) / 2 = −2`.
    static func averagePool2d(_ x: [Int32], geometry g: WindowGeometry, rq: Requantization) -> [Int32] {
        window(x, g) { values in rq.clampOutput(roundedAverage(values.reduce(0) { $0 + Int64($1) }, Int64(values.count))) }
    }

    /// GlobalAveragePool: `averagePool2d` over the whole `H × W`; output `[C]`.
    static func globalAveragePool(_ x: [Int32], shape: [Int], rq: Requantization) -> [Int32] {
        let (h, w, c) = (shape[0], shape[1], shape[2])
        return (0..<c).map { ch in
            var sum: Int64 = 0
            for p in 0..<(h * w) { sum += Int64(x[p * c + ch]) }
            return rq.clampOutput(roundedAverage(sum, Int64(h * w)))
        }
    }

    /// `sum / count` rounded half away from zero (TFLite's integer average pool).
    static func roundedAverage(_ sum: Int64, _ count: Int64) -> Int64 {
        sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count
    }

    /// Applies `reduce` to the valid elements of each window, per channel.
    private static func window(_ x: [Int32], _ g: WindowGeometry, _ reduce: ([Int32]) -> Int32) -> [Int32] {
        var out = [Int32](repeating: 0, count: g.outH * g.outW * g.inC)
        var values: [Int32] = []
        for oy in 0..<g.outH {
            for ox in 0..<g.outW {
                for ch in 0..<g.inC {
                    values.removeAll(keepingCapacity: true)
                    for ky in 0..<g.kH {
                        let iy = oy * g.strideH - g.padTop + ky
                        if iy < 0 || iy >= g.inH { continue }
                        for kx in 0..<g.kW {
                            let ix = ox * g.strideW - g.padLeft + kx
                            if ix < 0 || ix >= g.inW { continue }
                            values.append(x[(iy * g.inW + ix) * g.inC + ch])
                        }
                    }
                    out[(oy * g.outW + ox) * g.inC + ch] = reduce(values)
                }
            }
        }
        return out
    }
}
