import SmeltIR
import SmeltQuant

/// Geometry of a convolution or pool: input `[H, W, C]`, window, strides, padding before.
struct WindowGeometry {
    var inH: Int, inW: Int, inC: Int
    var kH: Int, kW: Int
    var strideH: Int, strideW: Int
    var padTop: Int, padLeft: Int
    var outH: Int, outW: Int

    init(input: [Int], kH: Int, kW: Int, strideH: Int, strideW: Int, padding: Padding) {
        (inH, inW, inC) = (input[0], input[1], input[2])
        (self.kH, self.kW, self.strideH, self.strideW) = (kH, kW, strideH, strideW)
        padTop = ShapeInference.padBefore(input: inH, kernel: kH, stride: strideH, padding: padding)
        padLeft = ShapeInference.padBefore(input: inW, kernel: kW, stride: strideW, padding: padding)
        outH = ShapeInference.outputSize(input: inH, kernel: kH, stride: strideH, padding: padding)
        outW = ShapeInference.outputSize(input: inW, kernel: kW, stride: strideW, padding: padding)
    }
}

extension IntegerKernels {
    /// Conv2D: `acc = bias[oc] + Σ_{ky,kx,ic} (x[iy, ix, ic] − zp_in) · w[oc, ky, kx, ic]` over the
    /// positions inside the input (`iy = oy·strideH − padTop + ky`; padded positions contribute 0),
    /// then `rq.requantize(acc, oc)`. Output `[outH, outW, Cout]`.
    static func conv2d(_ x: [Int32], weight w: [Int32], bias: [Int64]?, outChannels: Int, geometry g: WindowGeometry,
                       rq: Requantization) -> [Int32] {
        let zp = Int64(rq.inputZeroPoints[0])
        var out = [Int32](repeating: 0, count: g.outH * g.outW * outChannels)
        for oy in 0..<g.outH {
            for ox in 0..<g.outW {
                for oc in 0..<outChannels {
                    var acc = bias?[oc] ?? 0
                    for ky in 0..<g.kH {
                        let iy = oy * g.strideH - g.padTop + ky
                        if iy < 0 || iy >= g.inH { continue }
                        for kx in 0..<g.kW {
                            let ix = ox * g.strideW - g.padLeft + kx
                            if ix < 0 || ix >= g.inW { continue }
                            let xBase = (iy * g.inW + ix) * g.inC
                            let wBase = ((oc * g.kH + ky) * g.kW + kx) * g.inC
                            for ic in 0..<g.inC { acc += (Int64(x[xBase + ic]) - zp) * Int64(w[wBase + ic]) }
                        }
                    }
                    out[(oy * g.outW + ox) * outChannels + oc] = rq.requantize(acc, channel: oc)
                }
            }
        }
        return out
    }
}
