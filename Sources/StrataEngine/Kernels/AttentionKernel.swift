/// Causal attention for one token and one KV head with the query heads that share it (GQA),
/// over an f16 KV cache in blocks of 64 positions. Keys are stored transposed within a block
/// (`[dim][position]`), so scores for 64 positions accumulate in four vectors with no
/// horizontal sums, and each key/value vector is converted once for up to four query heads.
/// Needs a head size that is a multiple of 64 (callers fall back to a generic loop otherwise).
enum AttentionKernel {
    static let blockTokens = 64

    /// 64 floats in four vectors.
    struct Quad {
        var v0 = F16x(), v1 = F16x(), v2 = F16x(), v3 = F16x()

        @inline(__always)
        init() {}

        @inline(__always)
        init(_ p: UnsafePointer<Float16>) {
            let r = UnsafeRawPointer(p)
            v0 = floats(r.loadUnaligned(as: SIMD16<Float16>.self))
            v1 = floats(r.loadUnaligned(fromByteOffset: 32, as: SIMD16<Float16>.self))
            v2 = floats(r.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float16>.self))
            v3 = floats(r.loadUnaligned(fromByteOffset: 96, as: SIMD16<Float16>.self))
        }

        @inline(__always)
        mutating func add(_ s: Float, _ x: Quad) {
            let b = F16x(repeating: s)
            v0 = v0.addingProduct(b, x.v0)
            v1 = v1.addingProduct(b, x.v1)
            v2 = v2.addingProduct(b, x.v2)
            v3 = v3.addingProduct(b, x.v3)
        }

        @inline(__always)
        func store(_ p: UnsafeMutablePointer<Float>, scale: Float = 1) {
            let s = F16x(repeating: scale)
            store16(v0 * s, p)
            store16(v1 * s, p + 16)
            store16(v2 * s, p + 32)
            store16(v3 * s, p + 48)
        }
    }

    /// - Parameters:
    ///   - q: the first query head of the group; heads follow each other every `headDim` floats.
    ///   - out: where the group's first head output goes, same layout as `q`.
    ///   - keys, values: per cache block, already offset to this KV head.
    ///   - scores: `heads` rows of `scoreStride` floats (≥ length rounded up to 64).
    static func attend(q: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, heads: Int, length: Int,
                       keys: [UnsafeMutablePointer<Float16>], values: [UnsafeMutablePointer<Float16>],
                       headDim hd: Int, scale: Float, scores: UnsafeMutablePointer<Float>, scoreStride: Int) {
        let bt = blockTokens
        var h0 = 0
        while h0 < heads {
            let n = min(4, heads - h0)
            // Up to four heads per pass; missing ones repeat the last head and are not stored.
            let qa = q + h0 * hd, qb = q + (h0 + min(1, n - 1)) * hd
            let qc = q + (h0 + min(2, n - 1)) * hd, qd = q + (h0 + min(3, n - 1)) * hd
            let ra = scores + h0 * scoreStride, rb = scores + (h0 + min(1, n - 1)) * scoreStride
            let rc = scores + (h0 + min(2, n - 1)) * scoreStride, rd = scores + (h0 + min(3, n - 1)) * scoreStride

            for j in 0 ..< (length + bt - 1) / bt {
                let kblk = UnsafePointer(keys[j])
                var a = Quad(), b = Quad(), c = Quad(), d = Quad()
                for i in 0 ..< hd {
                    let k = Quad(kblk + i * bt)
                    a.add(qa[i], k); b.add(qb[i], k); c.add(qc[i], k); d.add(qd[i], k)
                }
                a.store(ra + j * bt, scale: scale)
                if n > 1 { b.store(rb + j * bt, scale: scale) }
                if n > 2 { c.store(rc + j * bt, scale: scale) }
                if n > 3 { d.store(rd + j * bt, scale: scale) }
            }
            for r in [ra, rb, rc, rd].prefix(n) { VectorMath.softmax(r, length) }

            var s = 0
            while s < hd {
                var a = Quad(), b = Quad(), c = Quad(), d = Quad()
                for p in 0 ..< length {
                    let v = Quad(UnsafePointer(values[p / bt]) + (p % bt) * hd + s)
                    a.add(ra[p], v); b.add(rb[p], v); c.add(rc[p], v); d.add(rd[p], v)
                }
                a.store(out + h0 * hd + s)
                if n > 1 { b.store(out + (h0 + 1) * hd + s) }
                if n > 2 { c.store(out + (h0 + 2) * hd + s) }
                if n > 3 { d.store(out + (h0 + 3) * hd + s) }
                s += 64
            }
            h0 += n
        }
    }
}
