/// Plain scalar dequantization of every supported tensor type, written for clarity: it is the
/// reference the SIMD kernels are tested against, and serves embedding-row lookups.
public enum ReferenceDequantizer {
    @inline(__always)
    static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    @inline(__always)
    static func byte(_ p: UnsafeRawPointer, _ offset: Int) -> Int {
        Int(p.load(fromByteOffset: offset, as: UInt8.self))
    }

    /// The 6-bit scale and min of sub-block `j` in a Q4_K/Q5_K block's packed 12-byte table.
    @inline(__always)
    static func scaleMinK4(_ j: Int, _ q: UnsafeRawPointer) -> (Int, Int) {
        if j < 4 {
            return (byte(q, j) & 63, byte(q, j + 4) & 63)
        }
        let sc = (byte(q, j + 4) & 0xF) | ((byte(q, j - 4) >> 6) << 4)
        let m = (byte(q, j + 4) >> 4) | ((byte(q, j) >> 6) << 4)
        return (sc, m)
    }

    /// Dequantizes `count` elements (a multiple of the type's block size) starting at `src`.
    public static func dequantize(_ type: GGMLType, _ src: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>, count: Int) {
        let nb = count / type.blockSize
        switch type {
        case .f32:
            for i in 0 ..< count { y[i] = src.loadUnaligned(fromByteOffset: 4 * i, as: Float.self) }
        case .f16:
            for i in 0 ..< count { y[i] = half(src, 2 * i) }
        case .bf16:
            for i in 0 ..< count {
                y[i] = Float(bitPattern: UInt32(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) << 16)
            }
        case .q4_0:
            for b in 0 ..< nb {
                let p = src + b * 18
                let d = half(p, 0)
                for j in 0 ..< 16 {
                    let q = byte(p, 2 + j)
                    y[b * 32 + j] = Float((q & 0xF) - 8) * d
                    y[b * 32 + j + 16] = Float((q >> 4) - 8) * d
                }
            }
        case .q4_1:
            for b in 0 ..< nb {
                let p = src + b * 20
                let d = half(p, 0), m = half(p, 2)
                for j in 0 ..< 16 {
                    let q = byte(p, 4 + j)
                    y[b * 32 + j] = Float(q & 0xF) * d + m
                    y[b * 32 + j + 16] = Float(q >> 4) * d + m
                }
            }
        case .q8_0:
            for b in 0 ..< nb {
                let p = src + b * 34
                let d = half(p, 0)
                for j in 0 ..< 32 { y[b * 32 + j] = Float(p.load(fromByteOffset: 2 + j, as: Int8.self)) * d }
            }
        case .q4_K:
            for b in 0 ..< nb {
                let p = src + b * 144
                let d = half(p, 0), dmin = half(p, 2)
                let scales = p + 4, qs = p + 16
                var out = y + b * 256
                for chunk in 0 ..< 4 {
                    let (s1, m1) = scaleMinK4(2 * chunk, scales)
                    let (s2, m2) = scaleMinK4(2 * chunk + 1, scales)
                    for l in 0 ..< 32 {
                        let q = byte(qs, 32 * chunk + l)
                        out[l] = d * Float(s1) * Float(q & 0xF) - dmin * Float(m1)
                        out[l + 32] = d * Float(s2) * Float(q >> 4) - dmin * Float(m2)
                    }
                    out += 64
                }
            }
        case .q5_K:
            for b in 0 ..< nb {
                let p = src + b * 176
                let d = half(p, 0), dmin = half(p, 2)
                let scales = p + 4, qh = p + 16, qs = p + 48
                var out = y + b * 256
                for chunk in 0 ..< 4 {
                    let (s1, m1) = scaleMinK4(2 * chunk, scales)
                    let (s2, m2) = scaleMinK4(2 * chunk + 1, scales)
                    let u1 = 1 << (2 * chunk), u2 = 2 << (2 * chunk)
                    for l in 0 ..< 32 {
                        let q = byte(qs, 32 * chunk + l), h = byte(qh, l)
                        out[l] = d * Float(s1) * Float((q & 0xF) + (h & u1 != 0 ? 16 : 0)) - dmin * Float(m1)
                        out[l + 32] = d * Float(s2) * Float((q >> 4) + (h & u2 != 0 ? 16 : 0)) - dmin * Float(m2)
                    }
                    out += 64
                }
            }
        case .q6_K:
            for b in 0 ..< nb {
                let p = src + b * 210
                let d = half(p, 208)
                for half128 in 0 ..< 2 {
                    let ql = p + 64 * half128, qh = p + 128 + 32 * half128, sc = p + 192 + 8 * half128
                    let out = y + b * 256 + 128 * half128
                    for l in 0 ..< 32 {
                        let i = l / 16
                        let h = byte(qh, l)
                        let q1 = ((byte(ql, l) & 0xF) | ((h & 3) << 4)) - 32
                        let q2 = ((byte(ql, l + 32) & 0xF) | (((h >> 2) & 3) << 4)) - 32
                        let q3 = ((byte(ql, l) >> 4) | (((h >> 4) & 3) << 4)) - 32
                        let q4 = ((byte(ql, l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32
                        func s(_ k: Int) -> Float { Float(sc.load(fromByteOffset: k, as: Int8.self)) }
                        out[l] = d * s(i) * Float(q1)
                        out[l + 32] = d * s(i + 2) * Float(q2)
                        out[l + 64] = d * s(i + 4) * Float(q3)
                        out[l + 96] = d * s(i + 6) * Float(q4)
                    }
                }
            }
        default:
            for i in 0 ..< count { y[i] = .nan }
        }
    }
}
