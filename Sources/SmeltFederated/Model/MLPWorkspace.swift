import Foundation

/// Scratch buffers and the float training kernels of an `MLP`; one per thread, reused across
/// steps so a step allocates nothing.
///
/// Arithmetic (float32, fixed order, the same on every run and thread):
/// 1. forward: `z[o] = b[o] + dot(W[o, :], a)` (`VectorMath.dot`), ReLU on hidden layers;
/// 2. output gradient `g` = 2(ŷ − y)/(B·outputs) (MSE) or (softmax(z) − onehot)/B (cross-entropy);
/// 3. layers last to first; batch 1 (`sgdStep`): for each output row o with g[o] ≠ 0 (a row
///    whose ReLU is off changes nothing and is skipped), with `s = lr·g[o]`,
///    `dx[i] += g[o]·W[o, i]` with the old weight, then `W[o, i] −= s·a[i]`, `b[o] −= s`;
///    `dx` masked by ReLU (a > 0) becomes the next `g`. Batch B (`sgdStep(batch:)`): gradients
///    are summed over the batch in sample order, then `θ −= lr·G`.
public final class MLPWorkspace {
    public let mlp: MLP
    public let loss: FederatedLoss
    private let actOffsets: [Int]
    private let a: UnsafeMutablePointer<Float>
    private let gp: UnsafeMutablePointer<Float>
    private let dp: UnsafeMutablePointer<Float>
    private let gr: UnsafeMutablePointer<Float>
    private let active: UnsafeMutablePointer<Int>

    /// Buffers for `mlp` trained with `loss`.
    public init(mlp: MLP, loss: FederatedLoss) {
        self.mlp = mlp
        self.loss = loss
        var offs: [Int] = [], o = 0
        for l in 1..<mlp.sizes.count { offs.append(o); o += mlp.sizes[l] }
        actOffsets = offs
        let widest = mlp.sizes.max()!
        a = .allocate(capacity: o); a.initialize(repeating: 0, count: o)
        gp = .allocate(capacity: widest); gp.initialize(repeating: 0, count: widest)
        dp = .allocate(capacity: widest); dp.initialize(repeating: 0, count: widest)
        gr = .allocate(capacity: mlp.parameterCount); gr.initialize(repeating: 0, count: mlp.parameterCount)
        active = .allocate(capacity: widest); active.initialize(repeating: 0, count: widest)
    }

    deinit {
        a.deallocate(); gp.deallocate(); dp.deallocate(); gr.deallocate(); active.deallocate()
    }

    /// Runs the forward pass; the output is in the last activation block.
    @inline(__always)
    private func forward(_ p: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>) {
        let sizes = mlp.sizes, last = mlp.layerCount - 1
        var input = x
        for l in 0...last {
            let n = sizes[l], m = sizes[l + 1]
            let w = p + mlp.weightOffsets[l], b = p + mlp.biasOffsets[l]
            let out = a + actOffsets[l]
            if n == 1 {
                // One input: z = b + W[:, 0]·x, contiguous over outputs.
                let x0 = input[0]
                for o in 0..<m {
                    let z = b[o] + w[o] * x0
                    out[o] = (l < last && z < 0) ? 0 : z
                }
            } else {
                var o = 0
                while o + 4 <= m {
                    let r = w + o * n
                    let (d0, d1, d2, d3) = VectorMath.dot4(r, r + n, r + 2 * n, r + 3 * n, input, n)
                    let z = SIMD4(b[o] + d0, b[o + 1] + d1, b[o + 2] + d2, b[o + 3] + d3)
                    for k in 0..<4 { out[o + k] = (l < last && z[k] < 0) ? 0 : z[k] }
                    o += 4
                }
                while o < m {
                    let z = b[o] + VectorMath.dot(w + o * n, input, n)
                    out[o] = (l < last && z < 0) ? 0 : z
                    o += 1
                }
            }
            input = UnsafePointer(out)
        }
    }

    /// Writes the output gradient of one sample (already divided by `batch`) into `gp`;
    /// returns the sample's loss.
    @inline(__always)
    private func outputGradient(_ out: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ gp: UnsafeMutablePointer<Float>, batch: Int) -> Float {
        let m = mlp.outputCount
        switch loss {
        case .meanSquaredError:
            var l: Float = 0
            let scale = 2 / Float(batch * m)
            for o in 0..<m { let d = out[o] - t[o]; l += d * d; gp[o] = scale * d }
            return l / Float(m)
        case .softmaxCrossEntropy:
            var mx = out[0]
            for o in 1..<m where out[o] > mx { mx = out[o] }
            var sum: Float = 0
            for o in 0..<m { let e = Foundation.exp(out[o] - mx); gp[o] = e; sum += e }
            let label = Int(t[0])
            for o in 0..<m { gp[o] = (gp[o] / sum - (o == label ? 1 : 0)) / Float(batch) }
            return -(out[label] - mx - Foundation.log(sum))
        }
    }

    /// One SGD step on one sample (batch 1, fused update); returns the loss before the step.
    @discardableResult
    public func sgdStep(_ params: UnsafeMutablePointer<Float>, x: UnsafePointer<Float>, t: UnsafePointer<Float>, lr: Float) -> Float {
                    forward(params, x, a)
                    let last = mlp.layerCount - 1
                    let lossValue = outputGradient(a + actOffsets[last], t, gp, batch: 1)
                    for l in stride(from: last, through: 0, by: -1) {
                        let n = mlp.sizes[l], m = mlp.sizes[l + 1]
                        let w = params + mlp.weightOffsets[l], b = params + mlp.biasOffsets[l]
                        let input: UnsafePointer<Float> = l == 0 ? x : UnsafePointer(a + actOffsets[l - 1])
                        if l > 0 {
                            for i in 0..<n { dp[i] = 0 }
                            // Rows whose gradient is 0 are skipped; the others go four at a time.
                            var count = 0
                            let act = active
                            for o in 0..<m { act[count] = o; count &+= gp[o] != 0 ? 1 : 0 }   // branch-free gather
                            var k = 0
                            while k + 4 <= count {
                                let o0 = active[k], o1 = active[k + 1], o2 = active[k + 2], o3 = active[k + 3]
                                let g = SIMD4(gp[o0], gp[o1], gp[o2], gp[o3])
                                let s = lr * g
                                VectorMath.backwardRows4((w + o0 * n, w + o1 * n, w + o2 * n, w + o3 * n), x: input, dx: dp, g: g, s: s, n: n)
                                b[o0] -= s[0]; b[o1] -= s[1]; b[o2] -= s[2]; b[o3] -= s[3]
                                k += 4
                            }
                            while k < count {
                                let o = active[k]
                                let s = lr * gp[o]
                                VectorMath.backwardRow(w: w + o * n, x: input, dx: dp, g: gp[o], s: s, n: n)
                                b[o] -= s
                                k += 1
                            }
                            for i in 0..<n { gp[i] = input[i] > 0 ? dp[i] : 0 }
                        } else {
                            if n == 1 {
                                let x0 = input[0]
                                for o in 0..<m {
                                    let s = lr * gp[o]
                                    w[o] -= s * x0
                                    b[o] -= s
                                }
                            } else {
                                for o in 0..<m where gp[o] != 0 {
                                    let s = lr * gp[o]
                                    VectorMath.axpy(-s, input, w + o * n, n)
                                    b[o] -= s
                                }
                            }
                        }
                    }
                    return lossValue
    }

    /// One SGD step on samples `range` of `data` as one batch (`lr·ΣG`, each sample's output
    /// gradient divided by the batch size); returns the mean loss before the step.
    @discardableResult
    public func sgdStep(_ params: UnsafeMutablePointer<Float>, data: SampleSet, range: Range<Int>, lr: Float) -> Float {
        let batch = range.count
        if batch == 1 {
            return data.inputs.withUnsafeBufferPointer { xb in
                data.targets.withUnsafeBufferPointer { tb in
                    sgdStep(params, x: xb.baseAddress! + range.lowerBound * data.inputWidth,
                            t: tb.baseAddress! + range.lowerBound * data.targetWidth, lr: lr)
                }
            }
        }
        var total: Float = 0
        data.inputs.withUnsafeBufferPointer { xb in
            data.targets.withUnsafeBufferPointer { tb in
                                for i in 0..<mlp.parameterCount { gr[i] = 0 }
                                let last = mlp.layerCount - 1
                                for s in range {
                                    let x = xb.baseAddress! + s * data.inputWidth
                                    forward(params, x, a)
                                    total += outputGradient(a + actOffsets[last], tb.baseAddress! + s * data.targetWidth, gp, batch: batch)
                                    for l in stride(from: last, through: 0, by: -1) {
                                        let n = mlp.sizes[l], m = mlp.sizes[l + 1]
                                        let w = params + mlp.weightOffsets[l]
                                        let gw = gr + mlp.weightOffsets[l], gbias = gr + mlp.biasOffsets[l]
                                        let input: UnsafePointer<Float> = l == 0 ? x : UnsafePointer(a + actOffsets[l - 1])
                                        if l > 0 { for i in 0..<n { dp[i] = 0 } }
                                        for o in 0..<m {
                                            VectorMath.axpy(gp[o], input, gw + o * n, n)
                                            gbias[o] += gp[o]
                                            if l > 0 { VectorMath.axpy(gp[o], w + o * n, dp, n) }
                                        }
                                        if l > 0 { for i in 0..<n { gp[i] = input[i] > 0 ? dp[i] : 0 } }
                                    }
                                }
                                VectorMath.axpy(-lr, gr, params, mlp.parameterCount)
            }
        }
        return total / Float(batch)
    }

    /// Mean loss over `data` and, for a classifier, the fraction of correct argmax predictions.
    public func evaluate(_ params: UnsafePointer<Float>, data: SampleSet) -> (loss: Float, accuracy: Float?) {
        var total: Float = 0, correct = 0
        let last = mlp.layerCount - 1, m = mlp.outputCount
        data.inputs.withUnsafeBufferPointer { xb in
            data.targets.withUnsafeBufferPointer { tb in
                        for s in 0..<data.count {
                            forward(params, xb.baseAddress! + s * data.inputWidth, a)
                            let out = a + actOffsets[last], t = tb.baseAddress! + s * data.targetWidth
                            total += outputGradient(out, t, gp, batch: 1)
                            if loss == .softmaxCrossEntropy {
                                var best = 0
                                for o in 1..<m where out[o] > out[best] { best = o }
                                if best == Int(t[0]) { correct += 1 }
                            }
                        }
            }
        }
        let n = Float(max(data.count, 1))
        return (total / n, loss == .softmaxCrossEntropy ? Float(correct) / n : nil)
    }

    /// The network's outputs for one input (for tests and export checks).
    public func predict(_ params: [Float], _ x: [Float]) -> [Float] {
        params.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { xb in
                    forward(p.baseAddress!, xb.baseAddress!, a)
                    let o = actOffsets[mlp.layerCount - 1]
                    return Array(UnsafeBufferPointer(start: a + o, count: mlp.outputCount))
            }
        }
    }
}
