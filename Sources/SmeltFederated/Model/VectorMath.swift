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
}
