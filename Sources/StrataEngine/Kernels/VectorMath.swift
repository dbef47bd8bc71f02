/// Small vector routines of the forward pass (norms, softmax, activations), vectorized by
/// hand where the scalar libm call would dominate prefill time.
enum VectorMath {
    /// e^x for 16 lanes: range reduction to r ∈ [−ln2/2, ln2/2], a degree-6 polynomial, and
    /// 2^n built in the exponent bits. Relative error ≈ 2e-7 on [−87, 88].
    @inline(__always)
    static func exp(_ x: F16x) -> F16x {
        let xc = pointwiseMax(pointwiseMin(x, F16x(repeating: 88.3)), F16x(repeating: -87.3))
        let magic = F16x(repeating: 12_582_912) // 1.5·2^23: adding it rounds to an integer in the low mantissa bits
        let shifted = magic.addingProduct(xc, F16x(repeating: 1.442_695_04))
        let n = shifted - magic
        var r = xc.addingProduct(n, F16x(repeating: -0.693_145_75))
        r = r.addingProduct(n, F16x(repeating: -1.428_606_8e-6))
        var p = F16x(repeating: 1.0 / 720)
        p = F16x(repeating: 1.0 / 120).addingProduct(p, r)
        p = F16x(repeating: 1.0 / 24).addingProduct(p, r)
        p = F16x(repeating: 1.0 / 6).addingProduct(p, r)
        p = F16x(repeating: 0.5).addingProduct(p, r)
        p = F16x(repeating: 1).addingProduct(p, r)
        p = F16x(repeating: 1).addingProduct(p, r)
        let ni = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(magic, to: SIMD16<Int32>.self)
        let scale = unsafeBitCast((ni &+ 127) &* 8_388_608, to: F16x.self)
        return p * scale
    }

    static func rmsNorm(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ n: Int, eps: Float) {
        var ss: Float = 0
        var i = 0
        var acc = F16x()
        while i + 16 <= n { let v = load16(x + i); acc = acc.addingProduct(v, v); i += 16 }
        ss = hsum(acc)
        while i < n { ss += x[i] * x[i]; i += 1 }
        let scale = 1 / (ss / Float(n) + eps).squareRoot()
        i = 0
        let s = F16x(repeating: scale)
        while i + 16 <= n { store16(load16(x + i) * s * load16(w + i), out + i); i += 16 }
        while i < n { out[i] = x[i] * scale * w[i]; i += 1 }
    }

    /// In-place softmax of `n` values; returns the maximum and the sum of exponentials, which
    /// merging partial attention results needs.
    @discardableResult
    static func softmax(_ x: UnsafeMutablePointer<Float>, _ n: Int) -> (max: Float, sum: Float) {
        var mv16 = F16x(repeating: -.infinity)
        var i = 0
        while i + 16 <= n { mv16 = Int8Dot.max(mv16, load16(x + i)); i += 16 }
        var m = mv16.max()
        while i < n { m = Swift.max(m, x[i]); i += 1 }
        i = 0
        var acc = F16x()
        let mv = F16x(repeating: m)
        while i + 16 <= n {
            let e = exp(load16(x + i) - mv)
            store16(e, x + i)
            acc += e
            i += 16
        }
        var sum = hsum(acc)
        while i < n {
            let e = exp(F16x(repeating: x[i] - m))[0]
            x[i] = e
            sum += e
            i += 1
        }
        let inv = 1 / sum
        i = 0
        while i + 16 <= n { store16(load16(x + i) * inv, x + i); i += 16 }
        while i < n { x[i] *= inv; i += 1 }
        return (m, sum)
    }

    /// gate ← silu(gate) · up, the SwiGLU activation.
    static func swiglu(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        let one = F16x(repeating: 1)
        while i + 16 <= n {
            let g = load16(gate + i)
            store16(g / (one + exp(-g)) * load16(up + i), gate + i)
            i += 16
        }
        while i < n {
            let g = gate[i]
            gate[i] = g / (1 + exp(F16x(repeating: -g))[0]) * up[i]
            i += 1
        }
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var i = 0
        var acc0 = F16x(), acc1 = F16x()
        while i + 32 <= n {
            acc0 = acc0.addingProduct(load16(a + i), load16(b + i))
            acc1 = acc1.addingProduct(load16(a + i + 16), load16(b + i + 16))
            i += 32
        }
        if i + 16 <= n { acc0 = acc0.addingProduct(load16(a + i), load16(b + i)); i += 16 }
        var s = hsum(acc0 + acc1)
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Dot product with an f16 vector (the KV cache), `n` a multiple of 16.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float16>, _ n: Int) -> Float {
        var acc0 = F16x(), acc1 = F16x()
        var i = 0
        while i + 32 <= n {
            acc0 = acc0.addingProduct(load16(a + i), floats(UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Float16>.self)))
            acc1 = acc1.addingProduct(load16(a + i + 16), floats(UnsafeRawPointer(b + i + 16).loadUnaligned(as: SIMD16<Float16>.self)))
            i += 32
        }
        if i + 16 <= n { acc0 = acc0.addingProduct(load16(a + i), floats(UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Float16>.self))) }
        return hsum(acc0 + acc1)
    }

    /// y += a·x with x in f16, `n` a multiple of 16.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Float>, _ a: Float, _ x: UnsafePointer<Float16>, _ n: Int) {
        let av = F16x(repeating: a)
        var i = 0
        while i + 16 <= n {
            store16(load16(y + i).addingProduct(av, floats(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float16>.self))), y + i)
            i += 16
        }
    }

    /// y += a·x
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Float>, _ a: Float, _ x: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        let av = F16x(repeating: a)
        while i + 16 <= n { store16(load16(y + i).addingProduct(av, load16(x + i)), y + i); i += 16 }
        while i < n { y[i] += a * x[i]; i += 1 }
    }

    static func add(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        while i + 16 <= n { store16(load16(y + i) + load16(x + i), y + i); i += 16 }
        while i < n { y[i] += x[i]; i += 1 }
    }
}
