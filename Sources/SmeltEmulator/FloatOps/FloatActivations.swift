import Foundation
import SmeltIR

extension Activation {
    /// Applies the fused activation to one value: `.relu` → max(v, 0), `.relu6` → min(max(v, 0), 6).
    @inline(__always)
    func apply(_ v: Float) -> Float {
        switch self {
        case .none: return v
        case .relu: return max(v, 0)
        case .relu6: return min(max(v, 0), 6)
        }
    }
}

/// Elementwise activations and softmax over float tensors.
enum FloatActivations {
    /// `max(x, 0)`.
    static func relu(_ x: [Float]) -> [Float] { x.map { max($0, 0) } }

    /// `min(max(x, 0), 6)`.
    static func relu6(_ x: [Float]) -> [Float] { x.map { min(max($0, 0), 6) } }

    /// `1 / (1 + e^−x)`, written so that neither branch overflows: for x < 0 it uses `e^x / (1 + e^x)`.
    static func sigmoid(_ x: [Float]) -> [Float] {
        x.map { v in
            if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
            let e = Foundation.exp(v)
            return e / (1 + e)
        }
    }

    /// Hyperbolic tangent.
    static func tanh(_ x: [Float]) -> [Float] { x.map { Foundation.tanh($0) } }

    /// Softmax over the last axis of `shape`: each row of `shape.last` values is shifted by its
    /// maximum before exponentiating, so large logits do not overflow.
    /// Example: [1, 2, 3] → e^[−2, −1, 0] / Σ = [0.090031, 0.244728, 0.665241].
    static func softmax(_ x: [Float], shape: [Int]) -> [Float] {
        let n = max(shape.last ?? 1, 1)
        var out = [Float](repeating: 0, count: x.count)
        var start = 0
        while start < x.count {
            let row = x[start..<(start + n)]
            let m = row.max() ?? 0
            var sum: Float = 0
            for i in start..<(start + n) {
                let e = Foundation.exp(x[i] - m)
                out[i] = e
                sum += e
            }
            for i in start..<(start + n) { out[i] /= sum }
            start += n
        }
        return out
    }
}
