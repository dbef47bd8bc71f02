/// Element-wise and row-wise float kernels of the encoder, written as plain loops over
/// pointers that the optimiser vectorises (no branches or trapping conversions inside).
enum VectorKernels {
    /// `e^x`, accurate to a few ulp on [-87, 88]: split x = n·ln2 + r with |r| ≤ ln2/2, a degree-7
    /// polynomial for e^r, and 2^n assembled from its exponent bits.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.0), 88.0)
        let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
        let r = (clamped - n * 0.693_145_75) - n * 1.428_606_8e-6
        var p: Float = 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let scale = Float(bitPattern: UInt32(bitPattern: Int32(n) &+ 127) &<< 23)
        return p * scale
    }

    /// `exp` on 8 lanes for loops the optimiser cannot vectorise itself (softmax, whose sum is a
    /// reduction). 2^n comes from the "shifter" trick: adding 1.5·2^23 leaves round(x·log2 e) in
    /// the low mantissa bits, so no float-to-int conversion is needed.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let clamped = lanewiseMin(lanewiseMax(x, SIMD8(repeating: -87)), SIMD8(repeating: 88))
        let shifter = SIMD8<Float>(repeating: 12_582_912)
        let t = clamped * 1.442_695_04 + shifter
        let n = t - shifter
        let r = (clamped - n * 0.693_145_75) - n * 1.428_606_8e-6
        var p = SIMD8<Float>(repeating: 1.0 / 5040.0)
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let bits = (unsafeBitCast(t, to: SIMD8<UInt32>.self) &- SIMD8(repeating: 0x4B40_0000 - 127)) &* SIMD8(repeating: 0x80_0000)
        return p * unsafeBitCast(bits, to: SIMD8<Float>.self)
    }

    /// Lane by lane on purpose: the stdlib's generic `pointwiseMax`/`pointwiseMin` stay
    /// out-of-line calls in hot loops, while this form compiles to one vector instruction.
    @inline(__always)
    static func lanewiseMax(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        var r = a
        for i in 0..<8 { r[i] = a[i] > b[i] ? a[i] : b[i] }
        return r
    }

    @inline(__always)
    static func lanewiseMin(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        var r = a
        for i in 0..<8 { r[i] = a[i] < b[i] ? a[i] : b[i] }
        return r
    }

    /// Exact (erf-based) GELU as BERT uses it. erf from the Abramowitz–Stegun 7.1.26 rational
    /// form (absolute error below 1.5e-7), which needs only one exp and vectorises.
    @inline(__always)
    static func gelu(_ x: Float) -> Float {
        let z = x * 0.707_106_77
        let a = abs(z)
        let t = 1.0 / (1.0 + 0.327_591_1 * a)
        var poly: Float = 1.061_405_429
        poly = poly * t - 1.453_152_027
        poly = poly * t + 1.421_413_741
        poly = poly * t - 0.284_496_736
        poly = poly * t + 0.254_829_592
        poly = poly * t
        let erfAbs = 1.0 - poly * exp(-a * a)
        let erf = z < 0 ? -erfAbs : erfAbs
        return 0.5 * x * (1.0 + erf)
    }

    /// GELU on 8 lanes, the same formula as `gelu(_:)`.
    @inline(__always)
    static func gelu(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let z = x * 0.707_106_77
        var a = z
        for i in 0..<8 { a[i] = z[i] < 0 ? -z[i] : z[i] }
        let t = 1.0 / (a * 0.327_591_1 + 1.0)
        var poly = SIMD8<Float>(repeating: 1.061_405_429)
        poly = poly * t - 1.453_152_027
        poly = poly * t + 1.421_413_741
        poly = poly * t - 0.284_496_736
        poly = poly * t + 0.254_829_592
        poly = poly * t
        let erfAbs = 1.0 - poly * exp(-(a * a))
        var erf = erfAbs
        for i in 0..<8 { erf[i] = z[i] < 0 ? -erfAbs[i] : erfAbs[i] }
        return 0.5 * x * (1.0 + erf)
    }

    static func geluInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(p)
        var i = 0
        while i + 8 <= count {
            raw.storeBytes(of: gelu(raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)),
                           toByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { p[i] = gelu(p[i]); i += 1 }
    }

    /// `x = LayerNorm(x + residual)` over each of `rows` rows of width `width`.
    static func addLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, width: Int,
                             gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        if let residual { for i in 0..<width { x[i] += residual[i] } }
        var sum: Float = 0
        for i in 0..<width { sum += x[i] }
        let mean = sum / Float(width)
        var squares: Float = 0
        for i in 0..<width { let d = x[i] - mean; squares += d * d }
        let inv = 1.0 / (squares / Float(width) + epsilon).squareRoot()
        for i in 0..<width { x[i] = (x[i] - mean) * inv * gamma[i] + beta[i] }
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        let ar = UnsafeRawPointer(a), br = UnsafeRawPointer(b)
        var i = 0
        // Four independent accumulators: a single chain would wait out the FMA latency.
        while i + 32 <= count {
            s0 = s0.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
            s1 = s1.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self))
            s2 = s2.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD8<Float>.self))
            s3 = s3.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i + 96, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i + 96, as: SIMD8<Float>.self))
            i += 32
        }
        s0 += s2
        s1 += s3
        while i + 16 <= count {
            s0 = s0.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
            s1 = s1.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self))
            i += 16
        }
        if i + 8 <= count {
            s0 = s0.addingProduct(ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                                  br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
            i += 8
        }
        let s = s0 + s1
        // Tree reduction: `sum()` would be a sequential chain.
        let h = s.lowHalf + s.highHalf
        let q = h.lowHalf + h.highHalf
        var total = q[0] + q[1]
        while i < count { total += a[i] * b[i]; i += 1 }
        return total
    }

    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        let ar = UnsafeRawPointer(a), br = UnsafeRawPointer(b)
        var i = 0
        while i + 32 <= count {
            let d0 = ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            let d1 = ar.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self)
            let d2 = ar.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD8<Float>.self)
            let d3 = ar.loadUnaligned(fromByteOffset: 4 * i + 96, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i + 96, as: SIMD8<Float>.self)
            s0 = s0.addingProduct(d0, d0)
            s1 = s1.addingProduct(d1, d1)
            s2 = s2.addingProduct(d2, d2)
            s3 = s3.addingProduct(d3, d3)
            i += 32
        }
        s0 += s2
        s1 += s3
        while i + 16 <= count {
            let d0 = ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            let d1 = ar.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self)
            s0 = s0.addingProduct(d0, d0)
            s1 = s1.addingProduct(d1, d1)
            i += 16
        }
        if i + 8 <= count {
            let d0 = ar.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                - br.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            s0 = s0.addingProduct(d0, d0)
            i += 8
        }
        let s = s0 + s1
        let h = s.lowHalf + s.highHalf
        let q = h.lowHalf + h.highHalf
        var total = q[0] + q[1]
        while i < count { let d = a[i] - b[i]; total += d * d; i += 1 }
        return total
    }

    /// `y += alpha * x`.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }
}
