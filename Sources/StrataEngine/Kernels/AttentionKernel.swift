#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        attend(q: q, out: out, heads: heads, positions: 0 ..< length, keys: keys, values: values,
               headDim: hd, scale: scale, scores: scores, scoreStride: scoreStride, stats: nil)
    }

    /// Attention over a slice of the positions (`positions.lowerBound` a multiple of 64), for
    /// splitting one long sequence over threads. The output is normalized within the slice;
    /// `stats` receives per head the slice's score maximum and sum of exponentials, from which
    /// `merge` combines the slices.
    static func attend(q: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, heads: Int, positions: Range<Int>,
                       keys: [UnsafeMutablePointer<Float16>], values: [UnsafeMutablePointer<Float16>],
                       headDim hd: Int, scale: Float, scores: UnsafeMutablePointer<Float>, scoreStride: Int,
                       stats: UnsafeMutablePointer<Float>?) {
        var h0 = 0
        while h0 < heads {
            let n = min(4, heads - h0)
            let args = Pass(q: q + h0 * hd, out: out + h0 * hd, positions: positions, keys: keys, values: values, headDim: hd,
                            scale: scale, scores: scores + h0 * scoreStride, stride: scoreStride, stats: stats.map { $0 + 2 * h0 })
            switch n {
            case 1: pass(One.self, args)
            case 2: pass(Two.self, args)
            case 3: pass(Three.self, args)
            default: pass(Four.self, args)
            }
            h0 += n
        }
    }

    /// Combines slice results of one head: `outs[j]` (each `hd` floats, normalized within its
    /// slice) weighted by their share of the total softmax mass.
    static func merge(_ outs: [UnsafePointer<Float>], stats: [(max: Float, sum: Float)], into out: UnsafeMutablePointer<Float>, headDim hd: Int) {
        let m = stats.map(\.max).max() ?? 0
        let weights = stats.map { expf($0.max - m) * $0.sum }
        let inv = 1 / weights.reduce(0, +)
        out.initialize(repeating: 0, count: hd)
        for (o, w) in zip(outs, weights) { VectorMath.axpy(out, w * inv, o, hd) }
    }

    struct Pass {
        var q: UnsafePointer<Float>
        var out: UnsafeMutablePointer<Float>
        var positions: Range<Int>
        var keys: [UnsafeMutablePointer<Float16>]
        var values: [UnsafeMutablePointer<Float16>]
        var headDim: Int
        var scale: Float
        var scores: UnsafeMutablePointer<Float>
        var stride: Int
        var stats: UnsafeMutablePointer<Float>?
    }

    /// How many query heads one pass handles; a type so each count gets its own loop body.
    protocol HeadCount { static var n: Int { get } }
    enum One: HeadCount { static let n = 1 }
    enum Two: HeadCount { static let n = 2 }
    enum Three: HeadCount { static let n = 3 }
    enum Four: HeadCount { static let n = 4 }

    @inline(__always)
    private static func pass<H: HeadCount>(_: H.Type, _ args: Pass) {
        let q = args.q, out = args.out, keys = args.keys, values = args.values, hd = args.headDim
        let scale = args.scale, scores = args.scores, stride = args.stride
        let from = args.positions.lowerBound, to = args.positions.upperBound, count = to - from
        let bt = blockTokens
        let n = H.n
        // Heads beyond `n` alias the last one; the `n >` tests fold away per specialization.
        let qa = q, qb = q + min(1, n - 1) * hd, qc = q + min(2, n - 1) * hd, qd = q + min(3, n - 1) * hd
        let ra = scores, rb = scores + min(1, n - 1) * stride, rc = scores + min(2, n - 1) * stride, rd = scores + min(3, n - 1) * stride

        for j in from / bt ..< (to + bt - 1) / bt {
            let kblk = UnsafePointer(keys[j])
            var a = Quad(), b = Quad(), c = Quad(), d = Quad()
            for i in 0 ..< hd {
                let k = Quad(kblk + i * bt)
                a.add(qa[i], k)
                if n > 1 { b.add(qb[i], k) }
                if n > 2 { c.add(qc[i], k) }
                if n > 3 { d.add(qd[i], k) }
            }
            a.store(ra + j * bt, scale: scale)
            if n > 1 { b.store(rb + j * bt, scale: scale) }
            if n > 2 { c.store(rc + j * bt, scale: scale) }
            if n > 3 { d.store(rd + j * bt, scale: scale) }
        }
        let sa = VectorMath.softmax(ra + from, count)
        let sb = n > 1 ? VectorMath.softmax(rb + from, count) : sa
        let sc = n > 2 ? VectorMath.softmax(rc + from, count) : sa
        let sd = n > 3 ? VectorMath.softmax(rd + from, count) : sa
        if let st = args.stats {
            for (h, x) in [sa, sb, sc, sd].prefix(n).enumerated() { st[2 * h] = x.max; st[2 * h + 1] = x.sum }
        }

        var s = 0
        while s < hd {
            var a = Quad(), b = Quad(), c = Quad(), d = Quad()
            for p in from ..< to {
                let v = Quad(UnsafePointer(values[p / bt]) + (p % bt) * hd + s)
                a.add(ra[p], v)
                if n > 1 { b.add(rb[p], v) }
                if n > 2 { c.add(rc[p], v) }
                if n > 3 { d.add(rd[p], v) }
            }
            a.store(out + s)
            if n > 1 { b.store(out + hd + s) }
            if n > 2 { c.store(out + 2 * hd + s) }
            if n > 3 { d.store(out + 3 * hd + s) }
            s += 64
        }
    }
}
