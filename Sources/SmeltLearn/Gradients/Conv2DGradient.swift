import SmeltIR

/// Conv2D over `[H, W, Cin]` with weight `[Cout, kH, kW, Cin]` (strides, `same`/`valid`), and its
/// backward pass.
///
/// Forward: `y[oy, ox, oc] = act(b[oc] + Σ x[oy·sH − pT + ky, ox·sW − pL + kx, ic]·W[oc, ky, kx, ic])`,
/// padded positions reading 0. Backward, with `g = dy · act'(y)`, every term of that sum sends
/// `g·W` to its input position and `g·x` to its weight: `∂b[oc] = Σ g[·, ·, oc]`; padded positions
/// receive nothing. Example (1×1 input, 1×1 kernel): x = 2, W = 3, b = 1 → y = 7; dy = 1 →
/// ∂x = 3, ∂W = 2, ∂b = 1.
struct Conv2DGradient: GradientOp {
    let window: Window
    let outChannels: Int
    let activation: Activation

    init(inputShape: [Int], weightShape: [Int], attributes a: ConvAttributes) {
        window = Window(input: inputShape, kernelH: weightShape[1], kernelW: weightShape[2],
                        strideH: a.strideH, strideW: a.strideW, padding: a.padding)
        outChannels = weightShape[0]
        activation = a.activation
    }

    func forward(_ x: [[Double]]) -> [Double] {
        let s = window, cout = outChannels
        var y = [Double](repeating: 0, count: s.oh * s.ow * cout)
        x[0].withUnsafeBufferPointer { xp in
            x[1].withUnsafeBufferPointer { wp in
                y.withUnsafeMutableBufferPointer { yp in
                    for oy in 0..<s.oh {
                        let (iy0, kys) = s.rows(oy)
                        for ox in 0..<s.ow {
                            let (ix0, kxs) = s.cols(ox)
                            let yb = (oy * s.ow + ox) * cout
                            for oc in 0..<cout {
                                var acc = x.count > 2 ? x[2][oc] : 0
                                for ky in kys {
                                    for kx in kxs {
                                        let xb = ((iy0 + ky) * s.w + ix0 + kx) * s.c
                                        let wb = ((oc * s.kh + ky) * s.kw + kx) * s.c
                                        for ic in 0..<s.c { acc += xp[xb + ic] * wp[wb + ic] }
                                    }
                                }
                                yp[yb + oc] = activation.apply(acc)
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let s = window, cout = outChannels
        let g = activation.backward(output: y, gradient: dy)
        var dx = [Double](repeating: 0, count: wanted[0] ? x[0].count : 0)
        var dw = [Double](repeating: 0, count: wanted[1] ? x[1].count : 0)
        let (wantX, wantW) = (wanted[0], wanted[1])
        x[0].withUnsafeBufferPointer { xp in
            x[1].withUnsafeBufferPointer { wp in
                dx.withUnsafeMutableBufferPointer { dxp in
                    dw.withUnsafeMutableBufferPointer { dwp in
                        for oy in 0..<s.oh {
                            let (iy0, kys) = s.rows(oy)
                            for ox in 0..<s.ow {
                                let (ix0, kxs) = s.cols(ox)
                                let yb = (oy * s.ow + ox) * cout
                                for oc in 0..<cout {
                                    let go = g[yb + oc]
                                    if go == 0 { continue }
                                    for ky in kys {
                                        for kx in kxs {
                                            let xb = ((iy0 + ky) * s.w + ix0 + kx) * s.c
                                            let wb = ((oc * s.kh + ky) * s.kw + kx) * s.c
                                            if wantX { for ic in 0..<s.c { dxp[xb + ic] += go * wp[wb + ic] } }
                                            if wantW { for ic in 0..<s.c { dwp[wb + ic] += go * xp[xb + ic] } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var result: [[Double]?] = [wantX ? dx : nil, wantW ? dw : nil]
        if x.count > 2 {
            if wanted[2] {
                var db = [Double](repeating: 0, count: cout)
                for p in 0..<(s.oh * s.ow) { for oc in 0..<cout { db[oc] += g[p * cout + oc] } }
                result.append(db)
            } else {
                result.append(nil)
            }
        }
        return result
    }
}
