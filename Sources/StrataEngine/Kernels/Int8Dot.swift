// The only file that touches the experimental `Builtin` module: LLVM never emits AVX-512 VNNI
// `vpdpbusd` from ordinary Swift, and it doubles the speed of quantized matrix-vector
// products (ENGINE-NOTES.md). Without the feature the engine falls back to the float kernels.
#if hasFeature(BuiltinModule)
import Builtin

enum Int8Dot {
    static let isAvailable = true

    /// Sums of four u8×i8 products per 32-bit lane, added to `acc`.
    @inline(__always)
    static func dpbusd(_ acc: SIMD8<Int32>, _ a: SIMD32<UInt8>, _ b: SIMD32<Int8>) -> SIMD8<Int32> {
        unsafeBitCast(Builtin.int_x86_avx512_vpdpbusd_256(
            unsafeBitCast(acc, to: Builtin.Vec8xInt32.self),
            unsafeBitCast(a, to: Builtin.Vec8xInt32.self),
            unsafeBitCast(b, to: Builtin.Vec8xInt32.self)), to: SIMD8<Int32>.self)
    }

    /// 16 packed bytes → 32 values: low nibbles then high nibbles (the Q4 block order).
    @inline(__always)
    static func nibbles(_ raw: SIMD16<UInt8>) -> SIMD32<UInt8> {
        let v = unsafeBitCast(raw, to: Builtin.Vec16xInt8.self)
        let hi = Builtin.lshr_Vec16xInt8(v, unsafeBitCast(SIMD16<UInt8>(repeating: 4), to: Builtin.Vec16xInt8.self))
        let both = SIMD32<UInt8>(lowHalf: raw, highHalf: unsafeBitCast(hi, to: SIMD16<UInt8>.self))
        return unsafeBitCast(Builtin.and_Vec32xInt8(
            unsafeBitCast(both, to: Builtin.Vec32xInt8.self),
            unsafeBitCast(SIMD32<UInt8>(repeating: 15), to: Builtin.Vec32xInt8.self)), to: SIMD32<UInt8>.self)
    }

    @inline(__always)
    static func lowNibbles(_ v: SIMD32<UInt8>) -> SIMD32<UInt8> {
        unsafeBitCast(Builtin.and_Vec32xInt8(unsafeBitCast(v, to: Builtin.Vec32xInt8.self),
                                             unsafeBitCast(SIMD32<UInt8>(repeating: 15), to: Builtin.Vec32xInt8.self)), to: SIMD32<UInt8>.self)
    }

    @inline(__always)
    static func highNibbles(_ v: SIMD32<UInt8>) -> SIMD32<UInt8> {
        unsafeBitCast(Builtin.lshr_Vec32xInt8(unsafeBitCast(v, to: Builtin.Vec32xInt8.self),
                                              unsafeBitCast(SIMD32<UInt8>(repeating: 4), to: Builtin.Vec32xInt8.self)), to: SIMD32<UInt8>.self)
    }

    @inline(__always)
    static func or(_ a: SIMD32<UInt8>, _ b: SIMD32<UInt8>) -> SIMD32<UInt8> {
        unsafeBitCast(Builtin.or_Vec32xInt8(unsafeBitCast(a, to: Builtin.Vec32xInt8.self),
                                            unsafeBitCast(b, to: Builtin.Vec32xInt8.self)), to: SIMD32<UInt8>.self)
    }

    /// `((v >> shift) & mask) << up` per byte.
    @inline(__always)
    static func bits(_ v: SIMD32<UInt8>, shift: Int, mask: UInt8, up: UInt8) -> SIMD32<UInt8> {
        let shifted = Builtin.lshr_Vec32xInt8(unsafeBitCast(v, to: Builtin.Vec32xInt8.self),
                                              unsafeBitCast(SIMD32<UInt8>(repeating: UInt8(shift)), to: Builtin.Vec32xInt8.self))
        let masked = Builtin.and_Vec32xInt8(shifted, unsafeBitCast(SIMD32<UInt8>(repeating: mask), to: Builtin.Vec32xInt8.self))
        return unsafeBitCast(Builtin.shl_Vec32xInt8(masked, unsafeBitCast(SIMD32<UInt8>(repeating: up), to: Builtin.Vec32xInt8.self)), to: SIMD32<UInt8>.self)
    }

    /// `a` with the sign of `b` applied (zero where `b` is zero).
    @inline(__always)
    static func sign(_ a: SIMD32<Int8>, _ b: SIMD32<Int8>) -> SIMD32<Int8> {
        unsafeBitCast(Builtin.int_x86_avx2_psign_b(
            unsafeBitCast(a, to: Builtin.Vec32xInt8.self),
            unsafeBitCast(b, to: Builtin.Vec32xInt8.self)), to: SIMD32<Int8>.self)
    }

    @inline(__always)
    static func float(_ a: SIMD8<Int32>) -> SIMD8<Float> {
        unsafeBitCast(Builtin.sitofp_Vec8xInt32_Vec8xFPIEEE32(unsafeBitCast(a, to: Builtin.Vec8xInt32.self)), to: SIMD8<Float>.self)
    }

    /// Lane-wise maximum in one instruction (`pointwiseMax` is a generic lane loop).
    @inline(__always)
    static func max(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        unsafeBitCast(Builtin.int_maxnum_Vec16xFPIEEE32(
            unsafeBitCast(a, to: Builtin.Vec16xFPIEEE32.self),
            unsafeBitCast(b, to: Builtin.Vec16xFPIEEE32.self)), to: SIMD16<Float>.self)
    }
}
#else
enum Int8Dot {
    static let isAvailable = false
    static func dpbusd(_ acc: SIMD8<Int32>, _ a: SIMD32<UInt8>, _ b: SIMD32<Int8>) -> SIMD8<Int32> {
        var r = acc
        for i in 0 ..< 32 { r[i / 4] &+= Int32(a[i]) * Int32(b[i]) }
        return r
    }
    static func nibbles(_ raw: SIMD16<UInt8>) -> SIMD32<UInt8> {
        var r = SIMD32<UInt8>()
        for i in 0 ..< 16 { r[i] = raw[i] & 15; r[i + 16] = raw[i] >> 4 }
        return r
    }
    static func sign(_ a: SIMD32<Int8>, _ b: SIMD32<Int8>) -> SIMD32<Int8> {
        var r = a
        for i in 0 ..< 32 { r[i] = b[i] < 0 ? 0 &- a[i] : b[i] == 0 ? 0 : a[i] }
        return r
    }
    static func float(_ a: SIMD8<Int32>) -> SIMD8<Float> {
        SIMD8<Float>(Float(a[0]), Float(a[1]), Float(a[2]), Float(a[3]), Float(a[4]), Float(a[5]), Float(a[6]), Float(a[7]))
    }
    static func max(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> { pointwiseMax(a, b) }
    static func lowNibbles(_ v: SIMD32<UInt8>) -> SIMD32<UInt8> { v & 15 }
    static func or(_ a: SIMD32<UInt8>, _ b: SIMD32<UInt8>) -> SIMD32<UInt8> { a | b }
    static func highNibbles(_ v: SIMD32<UInt8>) -> SIMD32<UInt8> { v &>> 4 }
    static func bits(_ v: SIMD32<UInt8>, shift: Int, mask: UInt8, up: UInt8) -> SIMD32<UInt8> {
        ((v &>> UInt8(shift)) & mask) &<< up
    }
}
#endif
