import SmeltIR

/// One node's forward and backward pass in `Double`, as the trainer runs it.
///
/// Values are flat row-major arrays without the batch axis, as in the float interpreter.
/// `backward` receives the node's inputs and output from the forward pass (the cached
/// activations) and `dy = ∂L/∂output`; it returns `∂L/∂input[i]` for every `i` with
/// `wanted[i]`, and `nil` for the others (frozen constants, graph inputs).
protocol GradientOp: Sendable {
    func forward(_ x: [[Double]]) -> [Double]
    func backward(_ x: [[Double]], output y: [Double], gradient dy: [Double], wanted: [Bool]) -> [[Double]?]
}

extension Activation {
    /// Applies the fused activation to a pre-activation value.
    @inline(__always)
    func apply(_ v: Double) -> Double {
        switch self {
        case .none: return v
        case .relu: return max(v, 0)
        case .relu6: return min(max(v, 0), 6)
        }
    }

    /// `dy` times the activation's derivative, read from the activation's *output* `y`:
    /// ReLU passes where `y > 0`, ReLU6 where `0 < y < 6` (the kinks themselves get 0).
    /// Example: ReLU6, y = [0, 3, 6], dy = [1, 1, 1] → [0, 1, 0].
    func backward(output y: [Double], gradient dy: [Double]) -> [Double] {
        switch self {
        case .none: return dy
        case .relu: return zip(y, dy).map { $0 > 0 ? $1 : 0 }
        case .relu6: return zip(y, dy).map { $0 > 0 && $0 < 6 ? $1 : 0 }
        }
    }
}

/// Spatial geometry shared by convolutions and pools: input and output sizes and the padding
/// before each axis (TensorFlow's `same` split, see `Padding`).
struct Window: Sendable {
    let h: Int, w: Int, c: Int
    let kh: Int, kw: Int
    let sh: Int, sw: Int
    let oh: Int, ow: Int
    let padTop: Int, padLeft: Int

    init(input: [Int], kernelH kh: Int, kernelW kw: Int, strideH sh: Int, strideW sw: Int, padding: Padding) {
        (h, w, c) = (input[0], input[1], input[2])
        (self.kh, self.kw, self.sh, self.sw) = (kh, kw, sh, sw)
        oh = ShapeInference.outputSize(input: h, kernel: kh, stride: sh, padding: padding)
        ow = ShapeInference.outputSize(input: w, kernel: kw, stride: sw, padding: padding)
        padTop = ShapeInference.padBefore(input: h, kernel: kh, stride: sh, padding: padding)
        padLeft = ShapeInference.padBefore(input: w, kernel: kw, stride: sw, padding: padding)
    }

    /// The kernel rows `ky` whose input row `oy·sH − padTop + ky` lies inside the input.
    @inline(__always)
    func rows(_ oy: Int) -> (iy0: Int, range: Range<Int>) {
        let iy0 = oy * sh - padTop
        let lo = max(0, -iy0)
        return (iy0, lo..<max(lo, min(kh, h - iy0)))
    }

    /// The kernel columns `kx` whose input column lies inside the input.
    @inline(__always)
    func cols(_ ox: Int) -> (ix0: Int, range: Range<Int>) {
        let ix0 = ox * sw - padLeft
        let lo = max(0, -ix0)
        return (ix0, lo..<max(lo, min(kw, w - ix0)))
    }
}
