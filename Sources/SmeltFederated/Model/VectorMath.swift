/// Small float kernels on raw pointers, eight lanes at a time, with a fixed summation order
/// (so every result is the same on every run and thread). `n` may be any count ≥ 0.
enum VectorMath {
    /// Σ a[i]·b[i]: eight partial sums over i ≡ lane (mod 8), reduced lane 0…7, then the tail
    /// in index order. For n = 3: ((0 + a0·b0) + a1·b1) + a2·b2 after the (empty) lane sum.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            acc += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Fused backward row of a Dense layer: `dx[i] += g·w[i]` (old weight), then
    /// `w[i] -= s·x[i]` with `s = lr·g` already multiplied.
    @inline(__always)
    static func backwardRow(w: UnsafeMutablePointer<Float>, x: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                            g: Float, s: Float, n: Int) {
        var i = 0
        let rw = UnsafeMutableRawPointer(w), rx = UnsafeRawPointer(x), rd = UnsafeMutableRawPointer(dx)
        let gv = SIMD8<Float>(repeating: g), sv = SIMD8<Float>(repeating: s)
        while i + 8 <= n {
            let wv = rw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let dv = rd.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let xv = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            rd.storeBytes(of: dv + gv * wv, toByteOffset: i * 4, as: SIMD8<Float>.self)
            rw.storeBytes(of: wv - sv * xv, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            let wi = w[i]
            dx[i] += g * wi
            w[i] = wi - s * x[i]
            i += 1
        }
    }

    /// `y[i] += a·x[i]`.
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let av = SIMD8<Float>(repeating: a)
        while i + 8 <= n {
            let yv = ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let xv = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            ry.storeBytes(of: yv + av * xv, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n { y[i] += a * x[i]; i += 1 }
    }

    /// `t[i] −= f[i]`; returns whether every result is finite (x·0 == 0 only for finite x).
    @inline(__always)
    static func subtractAndCheck(_ t: UnsafeMutablePointer<Float>, _ f: UnsafePointer<Float>, _ n: Int) -> Bool {
        var i = 0
        let rt = UnsafeMutableRawPointer(t), rf = UnsafeRawPointer(f)
        var check = SIMD8<Float>(repeating: 0)
        while i + 8 <= n {
            let d = rt.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - rf.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            rt.storeBytes(of: d, toByteOffset: i * 4, as: SIMD8<Float>.self)
            check += d * 0
            i += 8
        }
        var ok = check == SIMD8<Float>(repeating: 0)
        while i < n { t[i] -= f[i]; ok = ok && t[i].isFinite; i += 1 }
        return ok
    }

    /// `dot` of four rows `w0…w3` with `x` at once (x loaded once); each result is bit-identical
    /// to `dot(wk, x, n)` (same partial sums, same order).
    @inline(__always)
    static func dot4(_ w0: UnsafePointer<Float>, _ w1: UnsafePointer<Float>, _ w2: UnsafePointer<Float>, _ w3: UnsafePointer<Float>,
                     _ x: UnsafePointer<Float>, _ n: Int) -> (Float, Float, Float, Float) {
        var a0 = SIMD8<Float>(repeating: 0), a1 = a0, a2 = a0, a3 = a0
        let rx = UnsafeRawPointer(x)
        let r0 = UnsafeRawPointer(w0), r1 = UnsafeRawPointer(w1), r2 = UnsafeRawPointer(w2), r3 = UnsafeRawPointer(w3)
        var i = 0
        while i + 8 <= n {
            let xv = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            a0 += r0.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * xv
            a1 += r1.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * xv
            a2 += r2.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * xv
            a3 += r3.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * xv
            i += 8
        }
        var s0 = a0.sum(), s1 = a1.sum(), s2 = a2.sum(), s3 = a3.sum()
        while i < n {
            s0 += w0[i] * x[i]; s1 += w1[i] * x[i]; s2 += w2[i] * x[i]; s3 += w3[i] * x[i]
            i += 1
        }
        return (s0, s1, s2, s3)
    }

    /// `backwardRow` for four rows at once (dx loaded and stored once): bit-identical to the
    /// four calls in order, since dx still accumulates g0·w0, then g1·w1, g2·w2, g3·w3.
    @inline(__always)
    static func backwardRows4(_ w: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>),
                              x: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                              g: SIMD4<Float>, s: SIMD4<Float>, n: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), rd = UnsafeMutableRawPointer(dx)
        let r0 = UnsafeMutableRawPointer(w.0), r1 = UnsafeMutableRawPointer(w.1)
        let r2 = UnsafeMutableRawPointer(w.2), r3 = UnsafeMutableRawPointer(w.3)
        let g0 = SIMD8<Float>(repeating: g[0]), g1 = SIMD8<Float>(repeating: g[1]), g2 = SIMD8<Float>(repeating: g[2]), g3 = SIMD8<Float>(repeating: g[3])
        let s0 = SIMD8<Float>(repeating: s[0]), s1 = SIMD8<Float>(repeating: s[1]), s2 = SIMD8<Float>(repeating: s[2]), s3 = SIMD8<Float>(repeating: s[3])
        while i + 8 <= n {
            let o = i * 4
            let xv = rx.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            let v0 = r0.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            let v1 = r1.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            let v2 = r2.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            let v3 = r3.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            var d = rd.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            d = d + g0 * v0
            d = d + g1 * v1
            d = d + g2 * v2
            d = d + g3 * v3
            rd.storeBytes(of: d, toByteOffset: o, as: SIMD8<Float>.self)
            r0.storeBytes(of: v0 - s0 * xv, toByteOffset: o, as: SIMD8<Float>.self)
            r1.storeBytes(of: v1 - s1 * xv, toByteOffset: o, as: SIMD8<Float>.self)
            r2.storeBytes(of: v2 - s2 * xv, toByteOffset: o, as: SIMD8<Float>.self)
            r3.storeBytes(of: v3 - s3 * xv, toByteOffset: o, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            let v0 = w.0[i], v1 = w.1[i], v2 = w.2[i], v3 = w.3[i]
            var d = dx[i]
            d = d + g[0] * v0
            d = d + g[1] * v1
            d = d + g[2] * v2
            d = d + g[3] * v3
            dx[i] = d
            w.0[i] = v0 - s[0] * x[i]; w.1[i] = v1 - s[1] * x[i]; w.2[i] = v2 - s[2] * x[i]; w.3[i] = v3 - s[3] * x[i]
            i += 1
        }
    }
}
