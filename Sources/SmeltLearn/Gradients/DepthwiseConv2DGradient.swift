import SmeltIR

/// DepthwiseConv2D (channel multiplier 1) over `[H, W, C]` with weight `[1, kH, kW, C]`, and its
/// backward pass.
///
/// Forward: `y[oy, ox, c] = act(b[c] + Σ x[oy·sH − pT + ky, ox·sW − pL + kx, c]·W[0, ky, kx, c])`.
/// Backward, with `g = dy · act'(y)`: each term sends `g·W[ky, kx, c]` to its input position and
/// `g·x` to `W[ky, kx, c]`; `∂b[c] = Σ g[·, ·, c]`. Channels never mix.
/// Example (1×2 input, 1×2 kernel, one channel): x = [1, 2], W = [3, 4] → y = 11; dy = 1 →
/// ∂x = [3, 4], ∂W = [1, 2].
struct DepthwiseConv2DGradient: GradientOp {
    let window: Window
    let activation: Activation

    init(inputShape: [Int], weightShape: [Int], attributes a: ConvAttributes) {
        window = Window(input: inputShape, kernelH: weightShape[1], kernelW: weightShape[2],
                        strideH: a.strideH, strideW: a.strideW, padding: a.padding)
        activation = a.activation
    }

    func forward(_ x: [[Double]]) -> [Double] {
        let s = window
        var y = [Double](repeating: 0, count: s.oh * s.ow * s.c)
        x[0].withUnsafeBufferPointer { xp in
            x[1].withUnsafeBufferPointer { wp in
                for oy in 0..<s.oh {
                    let (iy0, kys) = s.rows(oy)
                    for ox in 0..<s.ow {
                        let (ix0, kxs) = s.cols(ox)
                        for ch in 0..<s.c {
                            var acc = x.count > 2 ? x[2][ch] : 0
                            for ky in kys {
                                for kx in kxs {
                                    acc += xp[((iy0 + ky) * s.w + ix0 + kx) * s.c + ch] * wp[(ky * s.kw + kx) * s.c + ch]
                                }
                            }
                            y[(oy * s.ow + ox) * s.c + ch] = activation.apply(acc)
                        }
                    }
                }
            }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        let s = window
        let g = activation.backward(output: y, gradient: dy)
        var dx = [Double](repeating: 0, count: wanted[0] ? x[0].count : 0)
        var dw = [Double](repeating: 0, count: wanted[1] ? x[1].count : 0)
        var db = [Double](repeating: 0, count: s.c)
        let (wantX, wantW) = (wanted[0], wanted[1])
        for oy in 0..<s.oh {
            let (iy0, kys) = s.rows(oy)
            for ox in 0..<s.ow {
                let (ix0, kxs) = s.cols(ox)
                for ch in 0..<s.c {
                    let go = g[(oy * s.ow + ox) * s.c + ch]
                    if go == 0 { continue }
                    db[ch] += go
                    for ky in kys {
                        for kx in kxs {
                            let xi = ((iy0 + ky) * s.w + ix0 + kx) * s.c + ch
                            let wi = (ky * s.kw + kx) * s.c + ch
                            if wantX { dx[xi] += go * x[1][wi] }
                            if wantW { dw[wi] += go * x[0][xi] }
                        }
                    }
                }
            }
        }
        var result: [[Double]?] = [wantX ? dx : nil, wantW ? dw : nil]
        if x.count > 2 { result.append(wanted[2] ? db : nil) }
        return result
    }
}
