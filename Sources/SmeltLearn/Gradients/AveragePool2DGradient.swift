import SmeltIR

/// AveragePool2D over `[H, W, C]` (TensorFlow semantics: the average divides by the number of
/// input positions inside the window), and its backward pass: each output's gradient is shared
/// equally by those positions.
/// Example: a 2×2 window fully inside, dy = 2 → each of its 4 inputs gets 0.5; a `same`-padded
/// corner window covering 1 input gives it the whole 2.
struct AveragePool2DGradient: GradientOp {
    let window: Window

    init(inputShape: [Int], attributes p: PoolAttributes) {
        window = Window(input: inputShape, kernelH: p.sizeH, kernelW: p.sizeW,
                        strideH: p.strideH, strideW: p.strideW, padding: p.padding)
    }

    func forward(_ x: [[Double]]) -> [Double] {
        let s = window
        var y = [Double](repeating: 0, count: s.oh * s.ow * s.c)
        for oy in 0..<s.oh {
            let (iy0, kys) = s.rows(oy)
            for ox in 0..<s.ow {
                let (ix0, kxs) = s.cols(ox)
                let count = Double(kys.count * kxs.count)
                for ch in 0..<s.c {
                    var acc = 0.0
                    for ky in kys { for kx in kxs { acc += x[0][((iy0 + ky) * s.w + ix0 + kx) * s.c + ch] } }
                    y[(oy * s.ow + ox) * s.c + ch] = acc / count
                }
            }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        let s = window
        var dx = [Double](repeating: 0, count: x[0].count)
        for oy in 0..<s.oh {
            let (iy0, kys) = s.rows(oy)
            for ox in 0..<s.ow {
                let (ix0, kxs) = s.cols(ox)
                let count = Double(kys.count * kxs.count)
                for ch in 0..<s.c {
                    let share = dy[(oy * s.ow + ox) * s.c + ch] / count
                    for ky in kys { for kx in kxs { dx[((iy0 + ky) * s.w + ix0 + kx) * s.c + ch] += share } }
                }
            }
        }
        return [dx]
    }
}
