import SmeltIR

/// 2-D convolution over an `[H, W, Cin]` input with weight `[Cout, kH, kW, Cin]`:
/// `y[oy, ox, oc] = act(bias[oc] + Σ x[oy·sH − padTop + ky, ox·sW − padLeft + kx, ic] · w[oc, ky, kx, ic])`.
/// Positions outside the input (the `same` padding) contribute 0; the padding split follows
/// `ShapeInference.padBefore` (TensorFlow: the smaller half before).
enum FloatConv2D {
    static func run(_ x: [Float], inputShape: [Int], weight: [Float], weightShape: [Int],
                    bias: [Float]?, attributes a: ConvAttributes) -> (values: [Float], shape: [Int]) {
        let (h, w, cin) = (inputShape[0], inputShape[1], inputShape[2])
        let (cout, kh, kw) = (weightShape[0], weightShape[1], weightShape[2])
        let oh = ShapeInference.outputSize(input: h, kernel: kh, stride: a.strideH, padding: a.padding)
        let ow = ShapeInference.outputSize(input: w, kernel: kw, stride: a.strideW, padding: a.padding)
        let padTop = ShapeInference.padBefore(input: h, kernel: kh, stride: a.strideH, padding: a.padding)
        let padLeft = ShapeInference.padBefore(input: w, kernel: kw, stride: a.strideW, padding: a.padding)
        // Repack the weight as [kH, kW, Cin, Cout] so the innermost loop runs over output channels
        // with contiguous weights (vectorizable). Each output still sums bias, then (ky, kx, ic) in order.
        var packed = [Float](repeating: 0, count: weight.count)
        for oc in 0..<cout {
            for k in 0..<(kh * kw * cin) { packed[k * cout + oc] = weight[oc * kh * kw * cin + k] }
        }
        var out = [Float](repeating: 0, count: oh * ow * cout)
        x.withUnsafeBufferPointer { xp in
            packed.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { op in
                    for oy in 0..<oh {
                        let iy0 = oy * a.strideH - padTop
                        let ky0 = max(0, -iy0), ky1 = max(ky0, min(kh, h - iy0))
                        for ox in 0..<ow {
                            let ix0 = ox * a.strideW - padLeft
                            let kx0 = max(0, -ix0), kx1 = max(kx0, min(kw, w - ix0))
                            let acc = UnsafeMutableBufferPointer(rebasing: op[((oy * ow + ox) * cout)..<((oy * ow + ox + 1) * cout)])
                            for oc in 0..<cout { acc[oc] = bias?[oc] ?? 0 }
                            for ky in ky0..<ky1 {
                                for kx in kx0..<kx1 {
                                    let xb = ((iy0 + ky) * w + (ix0 + kx)) * cin
                                    let wb = (ky * kw + kx) * cin * cout
                                    for ic in 0..<cin {
                                        let xv = xp[xb + ic]
                                        let row = UnsafeBufferPointer(rebasing: wp[(wb + ic * cout)..<(wb + (ic + 1) * cout)])
                                        for oc in 0..<cout { acc[oc] += xv * row[oc] }
                                    }
                                }
                            }
                            for oc in 0..<cout { acc[oc] = a.activation.apply(acc[oc]) }
                        }
                    }
                }
            }
        }
        return (out, [oh, ow, cout])
    }
}
