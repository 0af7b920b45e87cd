import SmeltIR

/// Max and average pooling over `[H, W, C]` with TensorFlow semantics: positions in the `same`
/// padding are excluded — they never win the max, and the average divides by the number of
/// input positions actually inside the window.
/// Example: a 3×3 input pooled 2×2 / stride 2 `same` has a bottom-right window covering one
/// input value `v` (three padded positions): max = v, average = v / 1.
enum FloatPool {
    enum Kind { case max, average }

    static func run(_ x: [Float], inputShape: [Int], attributes p: PoolAttributes, kind: Kind) -> (values: [Float], shape: [Int]) {
        let (h, w, c) = (inputShape[0], inputShape[1], inputShape[2])
        let oh = ShapeInference.outputSize(input: h, kernel: p.sizeH, stride: p.strideH, padding: p.padding)
        let ow = ShapeInference.outputSize(input: w, kernel: p.sizeW, stride: p.strideW, padding: p.padding)
        let padTop = ShapeInference.padBefore(input: h, kernel: p.sizeH, stride: p.strideH, padding: p.padding)
        let padLeft = ShapeInference.padBefore(input: w, kernel: p.sizeW, stride: p.strideW, padding: p.padding)
        var out = [Float](repeating: 0, count: oh * ow * c)
        for oy in 0..<oh {
            let iy0 = oy * p.strideH - padTop
            let y0 = max(iy0, 0), y1 = max(y0, min(iy0 + p.sizeH, h))
            for ox in 0..<ow {
                let ix0 = ox * p.strideW - padLeft
                let x0 = max(ix0, 0), x1 = max(x0, min(ix0 + p.sizeW, w))
                let count = Float((y1 - y0) * (x1 - x0))
                for ch in 0..<c {
                    var acc: Float = kind == .max ? -.infinity : 0
                    for iy in y0..<y1 {
                        for ix in x0..<x1 {
                            let v = x[(iy * w + ix) * c + ch]
                            acc = kind == .max ? max(acc, v) : acc + v
                        }
                    }
                    out[(oy * ow + ox) * c + ch] = kind == .max ? acc : acc / count
                }
            }
        }
        return (out, [oh, ow, c])
    }
}
