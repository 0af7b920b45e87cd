import SmeltIR

extension ONNXConversion {
    /// Maps a Conv/pool node's `auto_pad`, `pads` and `ceil_mode` to Smelt's `valid` or TF `same`.
    ///
    /// ONNX `pads` are `[top, left, bottom, right]`. All zeros → `valid`. Otherwise they must equal
    /// TensorFlow's `same` split: total `max((⌈in/s⌉ − 1)·s + k − in, 0)`, smaller half first.
    /// Example: in 6, k 3, s 2 → total 1 → pads `[0, 0, 1, 1]` are `same`, `[1, 1, 1, 1]` are an error
    /// (TF puts no padding on top). `SAME_UPPER` is TF's `same`; `SAME_LOWER` only when the total is even.
    /// With `ceil_mode` the output size must still equal Smelt's (else an error).
    func padding(inH: Int, inW: Int, kH: Int, kW: Int, sH: Int, sW: Int) throws -> Padding {
        let n = current!
        let auto = string(n, "auto_pad", "NOTSET")
        func sameSplit(_ input: Int, _ k: Int, _ s: Int) -> (Int, Int) {
            let out = ShapeInference.outputSize(input: input, kernel: k, stride: s, padding: .same)
            let total = max((out - 1) * s + k - input, 0)
            return (total / 2, total - total / 2)
        }
        let (tb, tt) = sameSplit(inH, kH, sH), (lb, lt) = sameSplit(inW, kW, sW)
        let tfSame = [tb, lb, tt, lt]
        var pads: [Int]
        var result: Padding
        switch auto {
        case "VALID":
            pads = [0, 0, 0, 0]; result = .valid
        case "SAME_UPPER":
            pads = tfSame; result = .same
        case "SAME_LOWER":
            guard (tb + tt) % 2 == 0, (lb + lt) % 2 == 0 else {
                throw SmeltError("auto_pad SAME_LOWER pads the odd extra row/column first; Smelt's same pads it last (input \(inH)×\(inW), kernel \(kH)×\(kW), stride \(sH)×\(sW))")
            }
            pads = tfSame; result = .same
        case "NOTSET", "":
            pads = ints(n, "pads") ?? [0, 0, 0, 0]
            guard pads.count == 4 else { throw SmeltError("pads \(pads) must have 4 entries [top, left, bottom, right]") }
            if pads.allSatisfy({ $0 == 0 }) {
                result = .valid
            } else if pads == tfSame {
                result = .same
            } else {
                throw SmeltError("pads \(pads) are neither valid ([0, 0, 0, 0]) nor TensorFlow's same (\(tfSame)) for input \(inH)×\(inW), kernel \(kH)×\(kW), stride \(sH)×\(sW)")
            }
        default:
            throw SmeltError("auto_pad \"\(auto)\" is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER")
        }
        let ceil = int(n, "ceil_mode", 0) != 0
        func onnxOut(_ input: Int, _ a: Int, _ b: Int, _ k: Int, _ s: Int) -> Int {
            let span = input + a + b - k
            guard span >= 0 else { return 0 }
            return (ceil ? (span + s - 1) / s : span / s) + 1
        }
        let oh = onnxOut(inH, pads[0], pads[2], kH, sH), ow = onnxOut(inW, pads[1], pads[3], kW, sW)
        let sh = ShapeInference.outputSize(input: inH, kernel: kH, stride: sH, padding: result)
        let sw = ShapeInference.outputSize(input: inW, kernel: kW, stride: sW, padding: result)
        guard oh == sh, ow == sw else {
            throw SmeltError("output \(oh)×\(ow) (ceil_mode \(ceil ? 1 : 0), pads \(pads)) differs from Smelt's \(result.rawValue) padding output \(sh)×\(sw)")
        }
        return result
    }

    /// `strides` (default 1) and checks `dilations` are all 1.
    func strides(_ n: ONNXNode) throws -> (Int, Int) {
        if let d = ints(n, "dilations"), d.contains(where: { $0 != 1 }) {
            throw SmeltError("dilations \(d) are not supported (only 1)")
        }
        let s = ints(n, "strides") ?? [1, 1]
        guard s.count == 2, s.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else { throw SmeltError("strides \(s) must be two positive values") }
        return (s[0], s[1])
    }
}
