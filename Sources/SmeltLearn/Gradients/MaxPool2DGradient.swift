import SmeltIR

/// MaxPool2D over `[H, W, C]` (TensorFlow semantics: padded positions never win), and its
/// backward pass: each output's gradient goes entirely to the input position that won its
/// window — the first maximum in row-major scan order when several values tie.
/// Example: window [1, 5, 5, 2] (scan order), dy = 3 → ∂x = [0, 3, 0, 0].
struct MaxPool2DGradient: GradientOp {
    let window: Window

    init(inputShape: [Int], attributes p: PoolAttributes) {
        window = Window(input: inputShape, kernelH: p.sizeH, kernelW: p.sizeW,
                        strideH: p.strideH, strideW: p.strideW, padding: p.padding)
    }

    /// Index into the input of the winner of output position (oy, ox, ch).
    private func winner(_ x: [Double], _ oy: Int, _ ox: Int, _ ch: Int) -> Int {
        let s = window
        let (iy0, kys) = s.rows(oy), (ix0, kxs) = s.cols(ox)
        var best = -1
        var bestValue = -Double.infinity
        for ky in kys {
            for kx in kxs {
                let i = ((iy0 + ky) * s.w + ix0 + kx) * s.c + ch
                if best < 0 || x[i] > bestValue { best = i; bestValue = x[i] }
            }
        }
        return best
    }

    func forward(_ x: [[Double]]) -> [Double] {
        let s = window
        var y = [Double](repeating: 0, count: s.oh * s.ow * s.c)
        for oy in 0..<s.oh {
            for ox in 0..<s.ow {
                for ch in 0..<s.c { y[(oy * s.ow + ox) * s.c + ch] = x[0][winner(x[0], oy, ox, ch)] }
            }
        }
        return y
    }

    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?] {
        guard wanted[0] else { return [nil] }
        let s = window
        var dx = [Double](repeating: 0, count: x[0].count)
        for oy in 0..<s.oh {
            for ox in 0..<s.ow {
                for ch in 0..<s.c { dx[winner(x[0], oy, ox, ch)] += dy[(oy * s.ow + ox) * s.c + ch] }
            }
        }
        return [dx]
    }
}
