import SmeltIR

/// Depthwise convolution (channel multiplier 1) over `[H, W, C]` with weight `[1, kH, kW, C]`:
/// `y[oy, ox, c] = act(bias[c] + Σ x[oy·sH − padTop + ky, ox·sW − padLeft + kx, c] · w[0, ky, kx, c])`.
/// Padded positions contribute 0 (TensorFlow `same` split, see `ShapeInference.padBefore`).
enum FloatDepthwiseConv2D {
    static func run(_ x: [Float], inputShape: [Int], weight: [Float], weightShape: [Int],
                    bias: [Float]?, attributes a: ConvAttributes) -> (values: [Float], shape: [Int]) {
        let (h, w, c) = (inputShape[0], inputShape[1], inputShape[2])
        let (kh, kw) = (weightShape[1], weightShape[2])
        let oh = ShapeInference.outputSize(input: h, kernel: kh, stride: a.strideH, padding: a.padding)
        let ow = ShapeInference.outputSize(input: w, kernel: kw, stride: a.strideW, padding: a.padding)
        let padTop = ShapeInference.padBefore(input: h, kernel: kh, stride: a.strideH, padding: a.padding)
        let padLeft = ShapeInference.padBefore(input: w, kernel: kw, stride: a.strideW, padding: a.padding)
        var out = [Float](repeating: 0, count: oh * ow * c)
        x.withUnsafeBufferPointer { xp in
            weight.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { op in
                    for oy in 0..<oh {
                        let iy0 = oy * a.strideH - padTop
                        let ky0 = max(0, -iy0), ky1 = max(ky0, min(kh, h - iy0))
                        for ox in 0..<ow {
                            let ix0 = ox * a.strideW - padLeft
                            let kx0 = max(0, -ix0), kx1 = max(kx0, min(kw, w - ix0))
                            let outBase = (oy * ow + ox) * c
                            for ch in 0..<c { op[outBase + ch] = bias?[ch] ?? 0 }
                            for ky in ky0..<ky1 {
                                for kx in kx0..<kx1 {
                                    let xb = ((iy0 + ky) * w + (ix0 + kx)) * c
                                    let wb = (ky * kw + kx) * c
                                    for ch in 0..<c { op[outBase + ch] += xp[xb + ch] * wp[wb + ch] }
                                }
                            }
                            for ch in 0..<c { op[outBase + ch] = a.activation.apply(op[outBase + ch]) }
                        }
                    }
                }
            }
        }
        return (out, [oh, ow, c])
    }
}
