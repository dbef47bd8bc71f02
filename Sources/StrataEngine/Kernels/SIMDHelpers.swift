// Lane-by-lane conversions: ENGINE-NOTES.md measured that the stdlib's SIMD conversion
// initializers stay out-of-line calls in hot loops, while these compile to one instruction.

typealias F16x = SIMD16<Float>

@inline(__always)
func floats(_ v: SIMD16<UInt8>) -> F16x {
    F16x(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]), Float(v[4]), Float(v[5]), Float(v[6]), Float(v[7]),
         Float(v[8]), Float(v[9]), Float(v[10]), Float(v[11]), Float(v[12]), Float(v[13]), Float(v[14]), Float(v[15]))
}

@inline(__always)
func floats(_ v: SIMD16<Int8>) -> F16x {
    F16x(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]), Float(v[4]), Float(v[5]), Float(v[6]), Float(v[7]),
         Float(v[8]), Float(v[9]), Float(v[10]), Float(v[11]), Float(v[12]), Float(v[13]), Float(v[14]), Float(v[15]))
}

@inline(__always)
func floats(_ v: SIMD16<Float16>) -> F16x {
    F16x(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]), Float(v[4]), Float(v[5]), Float(v[6]), Float(v[7]),
         Float(v[8]), Float(v[9]), Float(v[10]), Float(v[11]), Float(v[12]), Float(v[13]), Float(v[14]), Float(v[15]))
}

@inline(__always)
func bfloats(_ v: SIMD16<UInt16>) -> F16x {
    @inline(__always) func f(_ x: UInt16) -> Float { Float(bitPattern: UInt32(x) &<< 16) }
    return F16x(f(v[0]), f(v[1]), f(v[2]), f(v[3]), f(v[4]), f(v[5]), f(v[6]), f(v[7]),
                f(v[8]), f(v[9]), f(v[10]), f(v[11]), f(v[12]), f(v[13]), f(v[14]), f(v[15]))
}

/// Sum of the lanes as a tree; `sum()` would be a sequential chain.
@inline(__always)
func hsum(_ v: F16x) -> Float {
    let a = v.lowHalf + v.highHalf
    let b = a.lowHalf + a.highHalf
    let c = b.lowHalf + b.highHalf
    return c[0] + c[1]
}

@inline(__always)
func load16(_ p: UnsafePointer<Float>) -> F16x {
    UnsafeRawPointer(p).loadUnaligned(as: F16x.self)
}

@inline(__always)
func store16(_ v: F16x, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: F16x.self)
}

private let nibbleMask: UInt64 = 0x0F0F_0F0F_0F0F_0F0F

/// Low and high nibbles of 16 packed bytes. Masks are done on two 64-bit scalars because
/// bitwise operators on SIMD byte vectors compile to scalar lane loops.
@inline(__always)
func nibbles(_ p: UnsafeRawPointer) -> (lo: SIMD16<UInt8>, hi: SIMD16<UInt8>) {
    let a = p.loadUnaligned(as: UInt64.self)
    let b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let lo = SIMD2<UInt64>(a & nibbleMask, b & nibbleMask)
    let hi = SIMD2<UInt64>((a >> 4) & nibbleMask, (b >> 4) & nibbleMask)
    return (unsafeBitCast(lo, to: SIMD16<UInt8>.self), unsafeBitCast(hi, to: SIMD16<UInt8>.self))
}

@inline(__always)
func lowNibbles(_ p: UnsafeRawPointer) -> SIMD16<UInt8> {
    let a = p.loadUnaligned(as: UInt64.self)
    let b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    return unsafeBitCast(SIMD2<UInt64>(a & nibbleMask, b & nibbleMask), to: SIMD16<UInt8>.self)
}

@inline(__always)
func highNibbles(_ p: UnsafeRawPointer) -> SIMD16<UInt8> {
    let a = p.loadUnaligned(as: UInt64.self)
    let b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    return unsafeBitCast(SIMD2<UInt64>((a >> 4) & nibbleMask, (b >> 4) & nibbleMask), to: SIMD16<UInt8>.self)
}

@inline(__always)
func halfAt(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
}
