/// A weight layout the SIMD kernels can read: `load(row, chunk)` returns the 32 dequantized
/// values of chunk `chunk` of a row (elements 32·chunk ..< 32·chunk + 32) as two vectors,
/// entirely in registers.
protocol BlockFormat {
    static func load(_ row: UnsafeRawPointer, _ chunk: Int) -> (F16x, F16x)
}

enum F32Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 128 * c
        return (p.loadUnaligned(as: F16x.self), p.loadUnaligned(fromByteOffset: 64, as: F16x.self))
    }
}

enum F16Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 64 * c
        return (floats(p.loadUnaligned(as: SIMD16<Float16>.self)),
                floats(p.loadUnaligned(fromByteOffset: 32, as: SIMD16<Float16>.self)))
    }
}

enum BF16Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 64 * c
        return (bfloats(p.loadUnaligned(as: SIMD16<UInt16>.self)),
                bfloats(p.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt16>.self)))
    }
}

/// 32 × int8 with one f16 scale.
enum Q8_0Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 34 * c
        let d = F16x(repeating: halfAt(p, 0))
        return (floats(p.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self)) * d,
                floats(p.loadUnaligned(fromByteOffset: 18, as: SIMD16<Int8>.self)) * d)
    }
}

/// 32 × 4-bit with one f16 scale, offset −8.
enum Q4_0Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 18 * c
        let d = halfAt(p, 0)
        let (lo, hi) = nibbles(p + 2)
        let dv = F16x(repeating: d), m = F16x(repeating: -8 * d)
        return (m.addingProduct(floats(lo), dv), m.addingProduct(floats(hi), dv))
    }
}

/// 32 × 4-bit with an f16 scale and an f16 minimum.
enum Q4_1Format: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 20 * c
        let dv = F16x(repeating: halfAt(p, 0)), m = F16x(repeating: halfAt(p, 2))
        let (lo, hi) = nibbles(p + 4)
        return (m.addingProduct(floats(lo), dv), m.addingProduct(floats(hi), dv))
    }
}

/// 256-element super-blocks of 8 × 32 4-bit values with 6-bit scales and mins.
enum Q4_KFormat: BlockFormat {
    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 144 * (c >> 3)
        let s = c & 7
        let (sc, mn) = ReferenceDequantizer.scaleMinK4(s, p + 4)
        let dv = F16x(repeating: halfAt(p, 0) * Float(sc)), m = F16x(repeating: -halfAt(p, 2) * Float(mn))
        let q = p + 16 + 32 * (s >> 1)
        let a, b: SIMD16<UInt8>
        if s & 1 == 0 { a = lowNibbles(q); b = lowNibbles(q + 16) } else { a = highNibbles(q); b = highNibbles(q + 16) }
        return (m.addingProduct(floats(a), dv), m.addingProduct(floats(b), dv))
    }
}

/// Like Q4_K with a fifth bit per value in a shared 32-byte plane.
enum Q5_KFormat: BlockFormat {
    @inline(__always)
    static func fifthBits(_ qh: UnsafeRawPointer, _ shift: Int) -> SIMD16<UInt8> {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let a = qh.loadUnaligned(as: UInt64.self), b = qh.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        return unsafeBitCast(SIMD2<UInt64>(((a >> UInt64(shift)) & ones) << 4, ((b >> UInt64(shift)) & ones) << 4), to: SIMD16<UInt8>.self)
    }

    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 176 * (c >> 3)
        let s = c & 7
        let (sc, mn) = ReferenceDequantizer.scaleMinK4(s, p + 4)
        let dv = F16x(repeating: halfAt(p, 0) * Float(sc)), m = F16x(repeating: -halfAt(p, 2) * Float(mn))
        let q = p + 48 + 32 * (s >> 1)
        let a, b: SIMD16<UInt8>
        if s & 1 == 0 { a = lowNibbles(q); b = lowNibbles(q + 16) } else { a = highNibbles(q); b = highNibbles(q + 16) }
        let ha = fifthBits(p + 16, s), hb = fifthBits(p + 32, s)
        return (m.addingProduct(floats(a &+ ha), dv), m.addingProduct(floats(b &+ hb), dv))
    }
}

/// 256-element super-blocks of 6-bit values (4 low bits + 2 high bits) with int8 scales per 16.
enum Q6_KFormat: BlockFormat {
    @inline(__always)
    static func highPairs(_ qh: UnsafeRawPointer, _ shift: Int) -> SIMD16<UInt8> {
        let threes: UInt64 = 0x0303_0303_0303_0303
        let a = qh.loadUnaligned(as: UInt64.self), b = qh.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        return unsafeBitCast(SIMD2<UInt64>(((a >> UInt64(shift)) & threes) << 4, ((b >> UInt64(shift)) & threes) << 4), to: SIMD16<UInt8>.self)
    }

    @inline(__always)
    static func load(_ row: UnsafeRawPointer, _ c: Int) -> (F16x, F16x) {
        let p = row + 210 * (c >> 3)
        let s = c & 7
        let half = s >> 2, g = s & 3
        let ql = p + 64 * half + 32 * (g & 1)
        let qh = p + 128 + 32 * half
        let sc = p + 192 + 8 * half + 2 * g
        let d = halfAt(p, 208)
        let a, b: SIMD16<UInt8>
        if g < 2 { a = lowNibbles(ql); b = lowNibbles(ql + 16) } else { a = highNibbles(ql); b = highNibbles(ql + 16) }
        let ha = highPairs(qh, 2 * g), hb = highPairs(qh + 16, 2 * g)
        let d0 = d * Float(sc.load(as: Int8.self)), d1 = d * Float(sc.load(fromByteOffset: 1, as: Int8.self))
        let off = F16x(repeating: 32)
        return ((floats(a &+ ha) - off) * F16x(repeating: d0), (floats(b &+ hb) - off) * F16x(repeating: d1))
    }
}
