import Foundation
import SmeltIR
@testable import SmeltCodegen

/// The integer semantics of docs/contracts.md written out directly in Swift, as the test oracle
/// until SmeltEmulator's IntegerInterpreter is in main. Fixed-point helpers are derived from their
/// definitions (round half away from zero), not copied from the C.
enum ContractReference {
    /// a · b / 2^31 rounded to nearest with ties upward (floor(p / 2^31 + 1/2)); INT32_MIN² saturates.
    static func srdhm(_ a: Int32, _ b: Int32) -> Int32 {
        if a == .min && b == .min { return .max }
        let p = Int64(a) * Int64(b)
        return Int32((p + (1 << 30)) >> 31)
    }

    /// x / 2^e rounded half away from zero.
    static func rdbpot(_ x: Int32, _ e: Int) -> Int32 {
        guard e > 0 else { return x }
        let d = Int64(1) << e
        let q = (abs(Int64(x)) + d / 2) / d
        return Int32(x < 0 ? -q : q)
    }

    static func mbqm(_ x: Int32, _ m: Int32, _ shift: Int32) -> Int32 {
        let shifted = x &<< Int32(max(shift, 0))
        return rdbpot(srdhm(shifted, m), Int(max(-shift, 0)))
    }

    static func requant(_ acc: Int64, inScale: Float, wScale: Float, outScale: Float) -> Int64 {
        let (m, s) = Requantization.quantizeMultiplier(Double(inScale) * Double(wScale) / Double(outScale))
        let sat = Int32(clamping: acc)
        return Int64(mbqm(sat, m, s))
    }

    static func pow2(_ acc: Int64, shift: Int) -> Int64 {
        if shift >= 0 { return Int64(Int32(clamping: acc << Int64(shift))) }
        return Int64(rdbpot(Int32(clamping: acc), -shift))
    }

    static func fracBits(_ q: QuantParams, _ c: Int) -> Int {
        q.fractionalBits ?? Int(-log2(Double(q.scale(channel: c))))
    }

    static func range(_ t: Tensor, _ a: Activation) -> ClosedRange<Int64> {
        let r = t.dtype.integerRange!
        let zp = Int64(t.quant!.zeroPoint(channel: 0))
        switch a {
        case .none: return r
        case .relu: return max(zp, r.lowerBound)...r.upperBound
        case .relu6:
            let top = zp + Int64((6 / t.quant!.scale(channel: 0)).rounded(.toNearestOrAwayFromZero))
            return max(zp, r.lowerBound)...min(r.upperBound, top)
        }
    }

    /// Runs the graph on one input; returns the output values.
    static func run(_ graph: Graph, input: [Int64]) throws -> [Int64] {
        let g = try graph.verified()
        var v: [String: [Int64]] = [g.inputs[0]: input]
        for t in g.tensors where t.isConstant { v[t.name] = t.data!.integers! }
        for node in g.nodes {
            let x = try g.requireTensor(node.inputs[0])
            let y = try g.requireTensor(node.output)
            v[node.output] = try evaluate(node, g, x, y, v)
        }
        return v[g.outputs[0]]!
    }

    private static func evaluate(_ node: Node, _ g: Graph, _ x: Tensor, _ y: Tensor, _ v: [String: [Int64]]) throws -> [Int64] {
        let xv = v[x.name]!
        let qx = x.quant!, qy = y.quant!
        let zx = Int64(qx.zeroPoint(channel: 0)), zy = Int64(qy.zeroPoint(channel: 0))
        switch node.op {
        case .dense, .conv2d, .depthwiseConv2d:
            let w = try g.requireTensor(node.inputs[1])
            let wv = v[w.name]!
            let bias = node.inputs.count > 2 ? v[node.inputs[2]]! : nil
            let r = range(y, node.op.fusedActivation!)
            let pow2 = qx.fractionalBits != nil
            func finish(_ acc: Int64, _ c: Int) -> Int64 {
                let q = pow2
                    ? Self.pow2(acc, shift: fracBits(qy, 0) - fracBits(qx, 0) - fracBits(w.quant!, c))
                    : requant(acc, inScale: qx.scale(channel: 0), wScale: w.quant!.scale(channel: c), outScale: qy.scale(channel: 0))
                return min(max(q + zy, r.lowerBound), r.upperBound)
            }
            if case .dense = node.op {
                let n = x.elementCount
                return (0..<y.elementCount).map { o in
                    var acc = bias?[o] ?? 0
                    for i in 0..<n { acc += (xv[i] - zx) * wv[o * n + i] }
                    return finish(acc, o)
                }
            }
            let a: ConvAttributes
            switch node.op { case .conv2d(let c), .depthwiseConv2d(let c): a = c; default: fatalError() }
            let dw = node.op.kind == .depthwiseConv2d
            let (h, wd, cin) = (x.shape[0], x.shape[1], x.shape[2])
            let (oh, ow, oc) = (y.shape[0], y.shape[1], y.shape[2])
            let (kh, kw) = (w.shape[1], w.shape[2])
            let pt = ShapeInference.padBefore(input: h, kernel: kh, stride: a.strideH, padding: a.padding)
            let pl = ShapeInference.padBefore(input: wd, kernel: kw, stride: a.strideW, padding: a.padding)
            var out = [Int64](repeating: 0, count: y.elementCount)
            for oy in 0..<oh { for ox in 0..<ow { for o in 0..<oc {
                var acc = bias?[o] ?? 0
                for ky in 0..<kh { for kx in 0..<kw {
                    let iy = oy * a.strideH - pt + ky, ix = ox * a.strideW - pl + kx
                    guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                    if dw {
                        acc += (xv[(iy * wd + ix) * cin + o] - zx) * wv[(ky * kw + kx) * oc + o]
                    } else {
                        for i in 0..<cin { acc += (xv[(iy * wd + ix) * cin + i] - zx) * wv[((o * kh + ky) * kw + kx) * cin + i] }
                    }
                } }
                out[(oy * ow + ox) * oc + o] = finish(acc, o)
            } } }
            return out
        case .maxPool2d(let p), .averagePool2d(let p):
            return pool(xv, x.shape, y.shape, p, isMax: node.op.kind == .maxPool2d, range: y.dtype.integerRange!)
        case .globalAveragePool:
            let p = PoolAttributes(sizeH: x.shape[0], sizeW: x.shape[1], strideH: 1, strideW: 1)
            return pool(xv, x.shape, [1, 1, x.shape[2]], p, isMax: false, range: y.dtype.integerRange!)
        case .relu, .relu6:
            let r = range(x, node.op == .relu ? .relu : .relu6)
            return xv.map { min(max($0, r.lowerBound), r.upperBound) }
        case .reshape, .flatten:
            return xv
        case .add(let act):
            let b = try g.requireTensor(node.inputs[1])
            let bv = v[b.name]!, qb = b.quant!
            let twice = 2 * Double(max(qx.scale(channel: 0), qb.scale(channel: 0)))
            let m1 = Requantization.quantizeMultiplier(Double(qx.scale(channel: 0)) / twice)
            let m2 = Requantization.quantizeMultiplier(Double(qb.scale(channel: 0)) / twice)
            let mo = Requantization.quantizeMultiplier(twice / (Double(1 << 20) * Double(qy.scale(channel: 0))))
            let r = range(y, act)
            let zb = Int64(qb.zeroPoint(channel: 0))
            return zip(xv, bv).map { a, bb in
                let sa = mbqm(Int32((a - zx) << 20), m1.multiplier, m1.shift)
                let sb = mbqm(Int32((bb - zb) << 20), m2.multiplier, m2.shift)
                let o = Int64(mbqm(sa + sb, mo.multiplier, mo.shift)) + zy
                return min(max(o, r.lowerBound), r.upperBound)
            }
        case .concatenate:
            let outC = y.shape.last!
            var out = [Int64](repeating: 0, count: y.elementCount)
            var offset = 0
            for name in node.inputs {
                let t = try g.requireTensor(name)
                let tv = v[name]!, q = t.quant!
                let c = t.shape.last!
                let same = q.scales[0] == qy.scales[0] && q.zeroPoints[0] == qy.zeroPoints[0]
                let m = Requantization.quantizeMultiplier(Double(q.scale(channel: 0)) / Double(qy.scale(channel: 0)))
                let r = y.dtype.integerRange!
                for row in 0..<(y.elementCount / outC) { for k in 0..<c {
                    let val = tv[row * c + k]
                    out[row * outC + offset + k] = same ? val
                        : min(max(Int64(mbqm(Int32(val - Int64(q.zeroPoints[0])), m.multiplier, m.shift)) + zy, r.lowerBound), r.upperBound)
                } }
                offset += c
            }
            return out
        case .sigmoid, .tanh:
            let f: (Double) -> Double = node.op == .sigmoid ? { 1 / (1 + exp(-$0)) } : { tanh($0) }
            return xv.map { q in
                let real = Double(qx.scale(channel: 0)) * Double(q - zx)
                let o = (f(real) / Double(qy.scale(channel: 0))).rounded(.toNearestOrAwayFromZero) + Double(zy)
                return Int64(min(127, max(-128, o)))
            }
        case .softmax:
            let depth = x.shape.last!
            var out: [Int64] = []
            for row in stride(from: 0, to: xv.count, by: depth) {
                let r = Array(xv[row..<row + depth])
                let mx = r.max()!
                let e = r.map { Int64((65536 * exp(Double(qx.scale(channel: 0)) * Double($0 - mx))).rounded(.toNearestOrAwayFromZero)) }
                let sum = e.reduce(0, +)
                out += e.map { min(127, max(-128, ($0 * 256 + sum / 2) / sum - 128)) }
            }
            return out
        default:
            throw SmeltError.node(node.name, "not in the reference")
        }
    }

    private static func pool(_ xv: [Int64], _ s: [Int], _ o: [Int], _ p: PoolAttributes, isMax: Bool, range: ClosedRange<Int64>) -> [Int64] {
        let (h, w, c) = (s[0], s[1], s[2])
        let pt = ShapeInference.padBefore(input: h, kernel: p.sizeH, stride: p.strideH, padding: p.padding)
        let pl = ShapeInference.padBefore(input: w, kernel: p.sizeW, stride: p.strideW, padding: p.padding)
        var out: [Int64] = []
        for oy in 0..<o[0] { for ox in 0..<o[1] { for ch in 0..<c {
            var vals: [Int64] = []
            for ky in 0..<p.sizeH { for kx in 0..<p.sizeW {
                let iy = oy * p.strideH - pt + ky, ix = ox * p.strideW - pl + kx
                if iy >= 0, iy < h, ix >= 0, ix < w { vals.append(xv[(iy * w + ix) * c + ch]) }
            } }
            let r: Int64
            if isMax { r = vals.max()! } else {
                let sum = vals.reduce(0, +), n = Int64(vals.count)
                let q = (abs(sum) * 2 + n) / (2 * n)   // |sum| / n rounded half up
                r = sum < 0 ? -q : q
            }
            out.append(min(max(r, range.lowerBound), range.upperBound))
        } } }
        return out
    }
}
