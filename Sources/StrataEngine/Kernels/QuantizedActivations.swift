/// Activations quantized to int8 in blocks of 32 (like ggml's Q8_1): per block a scale `d`
/// and `s = d · Σq`, which lets a Q4_1/Q4_0 dot product fold its offset in with one multiply.
/// Quantized once per matrix input and shared by every matrix that reads it.
public final class QuantizedActivations {
    let capacity: Int
    private(set) var cols = 0
    private(set) var tokens = 0
    let qs: UnsafeMutablePointer<Int8>
    let d: UnsafeMutablePointer<Float>
    let s: UnsafeMutablePointer<Float>

    public init(capacity: Int) {
        self.capacity = capacity
        qs = .allocate(capacity: capacity)
        d = .allocate(capacity: capacity / 32 + 1)
        s = .allocate(capacity: capacity / 32 + 1)
    }

    deinit {
        qs.deallocate()
        d.deallocate()
        s.deallocate()
    }

    var blocksPerRow: Int { cols / 32 }

    /// Quantizes `tokens` rows of `cols` floats (`cols` a multiple of 32, `tokens · cols ≤ capacity`).
    func quantize(_ x: UnsafePointer<Float>, xStride: Int, cols: Int, tokens: Int) {
        self.cols = cols
        self.tokens = tokens
        let nb = cols / 32
        let magic = F16x(repeating: 12_582_912) // float + 1.5·2^23 rounds to an integer in the low bits
        let magicBits = unsafeBitCast(magic, to: SIMD16<Int32>.self)
        for t in 0 ..< tokens {
            for b in 0 ..< nb {
                let src = x + t * xStride + 32 * b
                let v0 = load16(src), v1 = load16(src + 16)
                let m = pointwiseMax(pointwiseMax(v0, -v0), pointwiseMax(v1, -v1))
                let amax = m.max()
                let scale = amax / 127
                let inv = F16x(repeating: amax > 0 ? 127 / amax : 0)
                let r0 = magic.addingProduct(v0, inv), r1 = magic.addingProduct(v1, inv)
                let i0 = unsafeBitCast(r0, to: SIMD16<Int32>.self) &- magicBits
                let i1 = unsafeBitCast(r1, to: SIMD16<Int32>.self) &- magicBits
                let sum = (r0 - magic) + (r1 - magic)
                let out = qs + t * cols + 32 * b
                UnsafeMutableRawPointer(out).storeBytes(of: Self.narrow(i0), as: SIMD16<Int8>.self)
                UnsafeMutableRawPointer(out + 16).storeBytes(of: Self.narrow(i1), as: SIMD16<Int8>.self)
                d[t * nb + b] = scale
                s[t * nb + b] = scale * hsum(sum)
            }
        }
    }

    @inline(__always)
    static func narrow(_ v: SIMD16<Int32>) -> SIMD16<Int8> {
        SIMD16<Int8>(Int8(truncatingIfNeeded: v[0]), Int8(truncatingIfNeeded: v[1]), Int8(truncatingIfNeeded: v[2]), Int8(truncatingIfNeeded: v[3]),
                     Int8(truncatingIfNeeded: v[4]), Int8(truncatingIfNeeded: v[5]), Int8(truncatingIfNeeded: v[6]), Int8(truncatingIfNeeded: v[7]),
                     Int8(truncatingIfNeeded: v[8]), Int8(truncatingIfNeeded: v[9]), Int8(truncatingIfNeeded: v[10]), Int8(truncatingIfNeeded: v[11]),
                     Int8(truncatingIfNeeded: v[12]), Int8(truncatingIfNeeded: v[13]), Int8(truncatingIfNeeded: v[14]), Int8(truncatingIfNeeded: v[15]))
    }
}
