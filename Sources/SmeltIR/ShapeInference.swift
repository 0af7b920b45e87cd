/// Output shape and dtype of one node from its input tensors.
public enum ShapeInference {
    /// Output size of a convolution or pool along one axis (TensorFlow's rule, see `Padding`).
    public static func outputSize(input: Int, kernel: Int, stride: Int, padding: Padding) -> Int {
        switch padding {
        case .valid: return input >= kernel ? (input - kernel) / stride + 1 : 0
        case .same: return (input + stride - 1) / stride
        }
    }

    /// Padding before (top/left) along one axis for `same`; 0 for `valid`.
    public static func padBefore(input: Int, kernel: Int, stride: Int, padding: Padding) -> Int {
        guard padding == .same else { return 0 }
        let out = outputSize(input: input, kernel: kernel, stride: stride, padding: padding)
        return max((out - 1) * stride + kernel - input, 0) / 2
    }

    public static func infer(node: Node, inputs: [Tensor]) throws -> (shape: [Int], dtype: DType) {
        func fail(_ s: String) -> SmeltError { SmeltError.node(node.name, s) }
        func arity(_ range: ClosedRange<Int>) throws {
            guard range.contains(inputs.count) else {
                throw fail("\(node.op.kind.rawValue) takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") inputs, got \(inputs.count)")
            }
        }
        func requireConstant(_ i: Int, _ role: String) throws -> Tensor {
            let t = inputs[i]
            guard t.isConstant else { throw fail("\(role) \"\(t.name)\" must be a constant tensor") }
            return t
        }
        func checkBias(_ count: Int) throws {
            guard inputs.count > 2 else { return }
            let b = try requireConstant(2, "bias")
            guard b.shape == [count] else { throw fail("bias has shape \(b.shape), expected [\(count)]") }
            guard inputs.count > 3 else { return }
            let s = try requireConstant(3, "channel scale")
            guard s.shape == [count] else { throw fail("channel scale has shape \(s.shape), expected [\(count)]") }
            guard s.dtype == .float32 else { throw fail("channel scale \"\(s.name)\" is \(s.dtype.rawValue), must be float32") }
        }
        let x = inputs.first
        let dtype = x?.dtype ?? .float32
        switch node.op {
        case .dense:
            try arity(2...4)
            let w = try requireConstant(1, "weight")
            guard w.shape.count == 2 else { throw fail("weight has shape \(w.shape), expected [out, in]") }
            guard x!.shape.count == 1 else { throw fail("input has shape \(x!.shape), Dense needs a vector (add a Flatten)") }
            guard x!.shape[0] == w.shape[1] else { throw fail("input has \(x!.shape[0]) features, weight expects \(w.shape[1])") }
            try checkBias(w.shape[0])
            return ([w.shape[0]], dtype)
        case .conv2d(let a), .depthwiseConv2d(let a):
            try arity(2...4)
            let w = try requireConstant(1, "weight")
            guard x!.shape.count == 3 else { throw fail("input has shape \(x!.shape), expected [H, W, C]") }
            guard w.shape.count == 4 else { throw fail("weight has shape \(w.shape), expected 4 dimensions") }
            guard a.strideH > 0, a.strideW > 0 else { throw fail("strides must be positive") }
            let (h, wd, c) = (x!.shape[0], x!.shape[1], x!.shape[2])
            let outC: Int
            if case .conv2d = node.op {
                guard w.shape[3] == c else { throw fail("input has \(c) channels, weight expects \(w.shape[3])") }
                outC = w.shape[0]
            } else {
                guard w.shape[0] == 1 else { throw fail("depthwise weight has shape \(w.shape), expected [1, kH, kW, C] (multiplier 1)") }
                guard w.shape[3] == c else { throw fail("input has \(c) channels, depthwise weight expects \(w.shape[3])") }
                outC = c
            }
            try checkBias(outC)
            let oh = outputSize(input: h, kernel: w.shape[1], stride: a.strideH, padding: a.padding)
            let ow = outputSize(input: wd, kernel: w.shape[2], stride: a.strideW, padding: a.padding)
            guard oh > 0, ow > 0 else { throw fail("kernel \(w.shape[1])×\(w.shape[2]) does not fit input \(h)×\(wd) with valid padding") }
            return ([oh, ow, outC], dtype)
        case .maxPool2d(let p), .averagePool2d(let p):
            try arity(1...1)
            guard x!.shape.count == 3 else { throw fail("input has shape \(x!.shape), expected [H, W, C]") }
            guard p.sizeH > 0, p.sizeW > 0, p.strideH > 0, p.strideW > 0 else { throw fail("pool size and strides must be positive") }
            let oh = outputSize(input: x!.shape[0], kernel: p.sizeH, stride: p.strideH, padding: p.padding)
            let ow = outputSize(input: x!.shape[1], kernel: p.sizeW, stride: p.strideW, padding: p.padding)
            guard oh > 0, ow > 0 else { throw fail("pool \(p.sizeH)×\(p.sizeW) does not fit input \(x!.shape[0])×\(x!.shape[1])") }
            return ([oh, ow, x!.shape[2]], dtype)
        case .globalAveragePool:
            try arity(1...1)
            guard x!.shape.count == 3 else { throw fail("input has shape \(x!.shape), expected [H, W, C]") }
            return ([x!.shape[2]], dtype)
        case .relu, .relu6, .sigmoid, .tanh, .softmax:
            try arity(1...1)
            return (x!.shape, dtype)
        case .reshape(let target):
            try arity(1...1)
            let n = x!.elementCount
            guard target.filter({ $0 == -1 }).count <= 1, target.allSatisfy({ $0 > 0 || $0 == -1 }), !target.isEmpty else {
                throw fail("reshape target \(target) must have positive dimensions and at most one -1")
            }
            let known = target.filter { $0 != -1 }.reduce(1, *)
            var shape = target
            if let i = target.firstIndex(of: -1) {
                guard n % known == 0 else { throw fail("cannot reshape \(x!.shape) (\(n) values) to \(target)") }
                shape[i] = n / known
            }
            guard shape.reduce(1, *) == n else { throw fail("cannot reshape \(x!.shape) (\(n) values) to \(target)") }
            return (shape, dtype)
        case .flatten:
            try arity(1...1)
            return ([x!.elementCount], dtype)
        case .add:
            try arity(2...2)
            guard inputs[0].shape == inputs[1].shape else { throw fail("operands have shapes \(inputs[0].shape) and \(inputs[1].shape)") }
            return (inputs[0].shape, dtype)
        case .concatenate:
            guard inputs.count >= 2 else { throw fail("Concatenate takes at least 2 inputs, got \(inputs.count)") }
            let first = inputs[0].shape
            var channels = 0
            for t in inputs {
                guard t.shape.count == first.count, t.shape.dropLast() == first.dropLast() else {
                    throw fail("operands have shapes \(first) and \(t.shape); all but the last axis must match")
                }
                channels += t.shape.last ?? 0
            }
            return (first.dropLast() + [channels], dtype)
        case .batchNorm(let eps):
            try arity(5...5)
            guard let c = x!.shape.last else { throw fail("input is a scalar") }
            for (i, role) in [(1, "gamma"), (2, "beta"), (3, "mean"), (4, "variance")] {
                let t = try requireConstant(i, role)
                guard t.shape == [c] else { throw fail("\(role) has shape \(t.shape), input has \(c) channels") }
            }
            guard eps >= 0, eps.isFinite else { throw fail("epsilon \(eps) must be non-negative") }
            return (x!.shape, dtype)
        case .quantize:
            try arity(1...1)
            return (x!.shape, .int8)
        case .dequantize:
            try arity(1...1)
            return (x!.shape, .float32)
        }
    }
}
