import SmeltQuant

extension IntegerKernels {
    /// DepthwiseConv2D (multiplier 1): `acc = bias[c] + Σ_{ky,kx} (x[iy, ix, c] − zp_in) · w[0, ky, kx, c]`
    /// over positions inside the input, then `rq.requantize(acc, c)`. Output `[outH, outW, C]`.
    static func depthwiseConv2d(_ x: [Int32], weight w: [Int32], bias: [Int64]?, geometry g: WindowGeometry,
                                rq: Requantization) -> [Int32] {
        let zp = Int64(rq.inputZeroPoints[0])
        let c = g.inC
        var out = [Int32](repeating: 0, count: g.outH * g.outW * c)
        for oy in 0..<g.outH {
            for ox in 0..<g.outW {
                for ch in 0..<c {
                    var acc = bias?[ch] ?? 0
                    for ky in 0..<g.kH {
                        let iy = oy * g.strideH - g.padTop + ky
                        if iy < 0 || iy >= g.inH { continue }
                        for kx in 0..<g.kW {
                            let ix = ox * g.strideW - g.padLeft + kx
                            if ix < 0 || ix >= g.inW { continue }
                            acc += (Int64(x[(iy * g.inW + ix) * c + ch]) - zp) * Int64(w[(ky * g.kW + kx) * c + ch])
                        }
                    }
                    out[(oy * g.outW + ox) * c + ch] = rq.requantize(acc, channel: ch)
                }
            }
        }
        return out
    }
}
