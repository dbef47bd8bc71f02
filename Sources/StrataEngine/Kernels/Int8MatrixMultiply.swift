/// Matrix × vector(s) for 32-element quantized blocks against int8-quantized activations,
/// using the VNNI u8×i8 dot product: per block, Σ q_w·q_x in integers, then one float FMA with
/// the product of the two scales (plus the block offset times the activation sum for Q4).
enum Int8MatrixMultiply {
    /// Tests switch this off to compare against the float kernels.
    nonisolated(unsafe) static var enabled = true

    static func supports(_ type: GGMLType) -> Bool {
        guard enabled && Int8Dot.isAvailable else { return false }
        switch type {
        case .q4_0, .q4_1, .q8_0, .q4_K, .q5_K, .q6_K: return true
        default: return false
        }
    }

    /// - Parameter eachTokenAsDecoded: compute every token with the one-token arithmetic
    ///   (bit-identical to decoding them one by one), each weight row read once for all of
    ///   them: verifying a speculative draft.
    static func multiply(_ w: WeightMatrix, _ a: QuantizedActivations, out: UnsafeMutablePointer<Float>, outStride: Int,
                         rows: Range<Int>, eachTokenAsDecoded: Bool = false) {
        func go<F: Int8BlockFormat>(_ format: F.Type) {
            if eachTokenAsDecoded {
                runEachToken(format, w, a, out, outStride, rows)
            } else {
                run(format, w, a, out, outStride, rows)
            }
        }
        switch w.type {
        case .q4_1: go(Q4_1Int8.self)
        case .q4_0: go(Q4_0Int8.self)
        case .q8_0: go(Q8_0Int8.self)
        case .q4_K: go(Q4_KInt8.self)
        case .q5_K: go(Q5_KInt8.self)
        case .q6_K: go(Q6_KInt8.self)
        default: break
        }
    }

    @inline(__always)
    private static func run<F: Int8BlockFormat>(_: F.Type, _ w: WeightMatrix, _ a: QuantizedActivations,
                                                _ out: UnsafeMutablePointer<Float>, _ os: Int, _ rows: Range<Int>) {
        let nb = w.cols / 32
        let rowBytes = w.rowBytes
        let cols = a.cols
        var t = 0
        // Tiles of 8 tokens: each decoded weight block feeds 8 dot products.
        while t + 8 <= a.tokens {
            let q0 = UnsafeRawPointer(a.qs + t * cols)
            let d8 = UnsafeRawPointer(a.d8 + (t / 8) * nb * 8), s8 = UnsafeRawPointer(a.s8 + (t / 8) * nb * 8)
            for r in rows {
                let row = w.data + r * rowBytes
                var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), acc3 = SIMD8<Float>()
                var acc4 = SIMD8<Float>(), acc5 = SIMD8<Float>(), acc6 = SIMD8<Float>(), acc7 = SIMD8<Float>()
                var m8 = SIMD8<Float>()
                for b in 0 ..< nb {
                    let p = F.locate(row, b)
                    let w = F.prepare(p)
                    let dd = d8.loadUnaligned(fromByteOffset: 32 * b, as: SIMD8<Float>.self) * F.scale(p)
                    m8 = m8.addingProduct(s8.loadUnaligned(fromByteOffset: 32 * b, as: SIMD8<Float>.self), F.offset(p))
                    let x = q0 + 32 * b
                    @inline(__always) func term(_ k: Int) -> SIMD8<Float> {
                        Int8Dot.float(F.dot(w, x.loadUnaligned(fromByteOffset: k * cols, as: SIMD32<Int8>.self)))
                    }
                    acc0 = acc0.addingProduct(term(0), SIMD8(repeating: dd[0]))
                    acc1 = acc1.addingProduct(term(1), SIMD8(repeating: dd[1]))
                    acc2 = acc2.addingProduct(term(2), SIMD8(repeating: dd[2]))
                    acc3 = acc3.addingProduct(term(3), SIMD8(repeating: dd[3]))
                    acc4 = acc4.addingProduct(term(4), SIMD8(repeating: dd[4]))
                    acc5 = acc5.addingProduct(term(5), SIMD8(repeating: dd[5]))
                    acc6 = acc6.addingProduct(term(6), SIMD8(repeating: dd[6]))
                    acc7 = acc7.addingProduct(term(7), SIMD8(repeating: dd[7]))
                }
                let o = out + t * os + r
                o[0] = hsum8(acc0) + m8[0]
                o[os] = hsum8(acc1) + m8[1]
                o[2 * os] = hsum8(acc2) + m8[2]
                o[3 * os] = hsum8(acc3) + m8[3]
                o[4 * os] = hsum8(acc4) + m8[4]
                o[5 * os] = hsum8(acc5) + m8[5]
                o[6 * os] = hsum8(acc6) + m8[6]
                o[7 * os] = hsum8(acc7) + m8[7]
            }
            t += 8
        }
        while t < a.tokens {
            let q = UnsafeRawPointer(a.qs + t * cols)
            let ds = a.d + t * nb, ss = a.s + t * nb
            for r in rows { out[t * os + r] = dotRow(F.self, w.data + r * rowBytes, q, ds, ss, nb) }
            t += 1
        }
    }

    /// One output of the one-token path: a weight row against one token's activations.
    @inline(__always)
    private static func dotRow<F: Int8BlockFormat>(_: F.Type, _ row: UnsafeRawPointer, _ q: UnsafeRawPointer,
                                                   _ ds: UnsafeMutablePointer<Float>, _ ss: UnsafeMutablePointer<Float>,
                                                   _ nb: Int) -> Float {
        // Two independent chains so consecutive blocks overlap in the pipeline.
        var accA = SIMD8<Float>(), accB = SIMD8<Float>()
        var mA: Float = 0, mB: Float = 0
        var b = 0
        while b + 2 <= nb {
            let p = F.locate(row, b), p2 = F.locate(row, b + 1)
            let da = F.scale(p) * ds[b], db = F.scale(p2) * ds[b + 1]
            accA = accA.addingProduct(Int8Dot.float(F.dot(F.prepare(p), q.loadUnaligned(fromByteOffset: 32 * b, as: SIMD32<Int8>.self))), SIMD8(repeating: da))
            accB = accB.addingProduct(Int8Dot.float(F.dot(F.prepare(p2), q.loadUnaligned(fromByteOffset: 32 * b + 32, as: SIMD32<Int8>.self))), SIMD8(repeating: db))
            mA += F.offset(p) * ss[b]
            mB += F.offset(p2) * ss[b + 1]
            b += 2
        }
        if b < nb {
            let p = F.locate(row, b)
            accA = accA.addingProduct(Int8Dot.float(F.dot(F.prepare(p), q.loadUnaligned(fromByteOffset: 32 * b, as: SIMD32<Int8>.self))), SIMD8(repeating: F.scale(p) * ds[b]))
            mA += F.offset(p) * ss[b]
        }
        return hsum8(accA + accB) + mA + mB
    }

    private static func runEachToken<F: Int8BlockFormat>(_: F.Type, _ w: WeightMatrix, _ a: QuantizedActivations,
                                                         _ out: UnsafeMutablePointer<Float>, _ os: Int, _ rows: Range<Int>) {
        let nb = w.cols / 32, rowBytes = w.rowBytes, cols = a.cols
        // Decoding the weight block once for all tokens (keeping per-token accumulators in
        // memory) measured slower than redoing it per token from a row already in L1.
        for r in rows {
            let row = w.data + r * rowBytes
            for t in 0 ..< a.tokens {
                out[t * os + r] = dotRow(F.self, row, UnsafeRawPointer(a.qs + t * cols), a.d + t * nb, a.s + t * nb, nb)
            }
        }
    }
}

@inline(__always)
func hsum8(_ v: SIMD8<Float>) -> Float {
    let a = v.lowHalf + v.highHalf
    let b = a.lowHalf + a.highHalf
    return b[0] + b[1]
}

/// A 32-element weight block as an operand of the int8 dot product.
protocol Int8BlockFormat {
    /// Where block `b` of a row is: a pointer for 32-element block types, the super-block
    /// and the sub-block index for K-quants.
    associatedtype Location
    associatedtype Prepared
    static func locate(_ row: UnsafeRawPointer, _ b: Int) -> Location
    /// Decodes the block's quantized values once, to be reused for every token of a tile.
    static func prepare(_ p: Location) -> Prepared
    /// Σ w_q · x_q per 32-bit lane (lanes may carry integer sub-block scales).
    static func dot(_ w: Prepared, _ x: SIMD32<Int8>) -> SIMD8<Int32>
    static func scale(_ p: Location) -> Float
    /// Multiplies the activation block sum `s`: the block's minimum (Q4_1, K-quants) or −8·d (Q4_0).
    static func offset(_ p: Location) -> Float
}

/// Formats whose blocks are 32 elements of `blockBytes` bytes.
protocol Int8SmallBlockFormat: Int8BlockFormat where Location == UnsafeRawPointer {
    static var blockBytes: Int { get }
}

extension Int8SmallBlockFormat {
    @inline(__always) static func locate(_ row: UnsafeRawPointer, _ b: Int) -> UnsafeRawPointer { row + b * blockBytes }
}

enum Q4_1Int8: Int8SmallBlockFormat {
    static let blockBytes = 20
    @inline(__always) static func prepare(_ p: UnsafeRawPointer) -> SIMD32<UInt8> { Int8Dot.nibbles(p.loadUnaligned(fromByteOffset: 4, as: SIMD16<UInt8>.self)) }
    @inline(__always) static func dot(_ w: SIMD32<UInt8>, _ x: SIMD32<Int8>) -> SIMD8<Int32> { Int8Dot.dpbusd(.zero, w, x) }
    @inline(__always) static func scale(_ p: UnsafeRawPointer) -> Float { halfAt(p, 0) }
    @inline(__always) static func offset(_ p: UnsafeRawPointer) -> Float { halfAt(p, 2) }
}

enum Q4_0Int8: Int8SmallBlockFormat {
    static let blockBytes = 18
    @inline(__always) static func prepare(_ p: UnsafeRawPointer) -> SIMD32<UInt8> { Int8Dot.nibbles(p.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)) }
    @inline(__always) static func dot(_ w: SIMD32<UInt8>, _ x: SIMD32<Int8>) -> SIMD8<Int32> { Int8Dot.dpbusd(.zero, w, x) }
    @inline(__always) static func scale(_ p: UnsafeRawPointer) -> Float { halfAt(p, 0) }
    @inline(__always) static func offset(_ p: UnsafeRawPointer) -> Float { -8 * halfAt(p, 0) }
}

enum Q8_0Int8: Int8SmallBlockFormat {
    static let blockBytes = 34
    /// |w| as the unsigned operand; the sign moves onto the activations.
    @inline(__always) static func prepare(_ p: UnsafeRawPointer) -> (SIMD32<UInt8>, SIMD32<Int8>) {
        let w = p.loadUnaligned(fromByteOffset: 2, as: SIMD32<Int8>.self)
        return (unsafeBitCast(Int8Dot.sign(w, w), to: SIMD32<UInt8>.self), w)
    }
    @inline(__always) static func dot(_ w: (SIMD32<UInt8>, SIMD32<Int8>), _ x: SIMD32<Int8>) -> SIMD8<Int32> {
        Int8Dot.dpbusd(.zero, w.0, Int8Dot.sign(x, w.1))
    }
    @inline(__always) static func scale(_ p: UnsafeRawPointer) -> Float { halfAt(p, 0) }
    @inline(__always) static func offset(_ p: UnsafeRawPointer) -> Float { 0 }
}

/// K-quant super-blocks of 256 elements: eight 32-element sub-blocks.
struct SubBlock {
    var base: UnsafeRawPointer
    var index: Int
}

/// 4-bit values with a 6-bit scale and minimum per sub-block (value = d·sc·q − dmin·m).
enum Q4_KInt8: Int8BlockFormat {
    @inline(__always) static func locate(_ row: UnsafeRawPointer, _ b: Int) -> SubBlock { SubBlock(base: row + 144 * (b >> 3), index: b & 7) }
    @inline(__always) static func prepare(_ p: SubBlock) -> SIMD32<UInt8> {
        let q = p.base.loadUnaligned(fromByteOffset: 16 + 32 * (p.index >> 1), as: SIMD32<UInt8>.self)
        return p.index & 1 == 0 ? Int8Dot.lowNibbles(q) : Int8Dot.highNibbles(q)
    }
    @inline(__always) static func dot(_ w: SIMD32<UInt8>, _ x: SIMD32<Int8>) -> SIMD8<Int32> { Int8Dot.dpbusd(.zero, w, x) }
    @inline(__always) static func scale(_ p: SubBlock) -> Float {
        halfAt(p.base, 0) * Float(ReferenceDequantizer.scaleMinK4(p.index, p.base + 4).0)
    }
    @inline(__always) static func offset(_ p: SubBlock) -> Float {
        -halfAt(p.base, 2) * Float(ReferenceDequantizer.scaleMinK4(p.index, p.base + 4).1)
    }
}

/// Q4_K plus a fifth bit per value from a shared 32-byte plane.
enum Q5_KInt8: Int8BlockFormat {
    @inline(__always) static func locate(_ row: UnsafeRawPointer, _ b: Int) -> SubBlock { SubBlock(base: row + 176 * (b >> 3), index: b & 7) }
    @inline(__always) static func prepare(_ p: SubBlock) -> SIMD32<UInt8> {
        let q = p.base.loadUnaligned(fromByteOffset: 48 + 32 * (p.index >> 1), as: SIMD32<UInt8>.self)
        let h = p.base.loadUnaligned(fromByteOffset: 16, as: SIMD32<UInt8>.self)
        let low = p.index & 1 == 0 ? Int8Dot.lowNibbles(q) : Int8Dot.highNibbles(q)
        return Int8Dot.or(low, Int8Dot.bits(h, shift: p.index, mask: 1, up: 4))
    }
    @inline(__always) static func dot(_ w: SIMD32<UInt8>, _ x: SIMD32<Int8>) -> SIMD8<Int32> { Int8Dot.dpbusd(.zero, w, x) }
    @inline(__always) static func scale(_ p: SubBlock) -> Float {
        halfAt(p.base, 0) * Float(ReferenceDequantizer.scaleMinK4(p.index, p.base + 4).0)
    }
    @inline(__always) static func offset(_ p: SubBlock) -> Float {
        -halfAt(p.base, 2) * Float(ReferenceDequantizer.scaleMinK4(p.index, p.base + 4).1)
    }
}

/// 6-bit values (offset −32) with a signed 8-bit scale per 16 elements: the lane sums of the
/// first and second 16 elements are scaled in integers before the single float scale `d`.
enum Q6_KInt8: Int8BlockFormat {
    @inline(__always) static func locate(_ row: UnsafeRawPointer, _ b: Int) -> SubBlock { SubBlock(base: row + 210 * (b >> 3), index: b & 7) }
    @inline(__always) static func prepare(_ p: SubBlock) -> (SIMD32<UInt8>, SIMD8<Int32>) {
        let half = p.index >> 2, g = p.index & 3
        let ql = p.base.loadUnaligned(fromByteOffset: 64 * half + 32 * (g & 1), as: SIMD32<UInt8>.self)
        let qh = p.base.loadUnaligned(fromByteOffset: 128 + 32 * half, as: SIMD32<UInt8>.self)
        let low = g < 2 ? Int8Dot.lowNibbles(ql) : Int8Dot.highNibbles(ql)
        let q = Int8Dot.or(low, Int8Dot.bits(qh, shift: 2 * g, mask: 3, up: 4))
        let sc = p.base + 192 + 8 * half + 2 * g
        let s0 = Int32(sc.load(as: Int8.self)), s1 = Int32(sc.load(fromByteOffset: 1, as: Int8.self))
        return (q, SIMD8(s0, s0, s0, s0, s1, s1, s1, s1))
    }
    @inline(__always) static func dot(_ w: (SIMD32<UInt8>, SIMD8<Int32>), _ x: SIMD32<Int8>) -> SIMD8<Int32> {
        // Σ (q − 32)·x = Σ q·x − 32·Σ x, both per lane of four.
        let qx = Int8Dot.dpbusd(.zero, w.0, x)
        let sx = Int8Dot.dpbusd(.zero, SIMD32<UInt8>(repeating: 1), x)
        return (qx &- sx &* 32) &* w.1
    }
    @inline(__always) static func scale(_ p: SubBlock) -> Float { halfAt(p.base, 208) }
    @inline(__always) static func offset(_ p: SubBlock) -> Float { 0 }
}
