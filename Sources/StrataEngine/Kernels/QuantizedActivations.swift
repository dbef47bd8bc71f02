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
    /// `d` and `s` regrouped for tiles of 8 tokens: per block, the 8 tokens' values side by
    /// side, so the prefill kernel loads them as one vector.
    let d8: UnsafeMutablePointer<Float>
    let s8: UnsafeMutablePointer<Float>

    public init(capacity: Int) {
        self.capacity = capacity
        qs = .allocate(capacity: capacity)
        d = .allocate(capacity: capacity / 32 + 1)
        s = .allocate(capacity: capacity / 32 + 1)
        d8 = .allocate(capacity: capacity / 32 + 8)
        s8 = .allocate(capacity: capacity / 32 + 8)
    }

    deinit {
        qs.deallocate()
        d.deallocate()
        s.deallocate()
        d8.deallocate()
        s8.deallocate()
    }

    var blocksPerRow: Int { cols / 32 }

    /// Quantizes `tokens` rows of `cols` floats (`cols` a multiple of 32, `tokens · cols ≤ capacity`).
    /// Plain loops: LLVM vectorizes them under -Ounchecked, while generic SIMD min/max
    /// operations compile to lane loops through the stack.
    func quantize(_ x: UnsafePointer<Float>, xStride: Int, cols: Int, tokens: Int) {
        self.cols = cols
        self.tokens = tokens
        let nb = cols / 32
        for t in 0 ..< tokens {
            for b in 0 ..< nb {
                let src = x + t * xStride + 32 * b
                var amax: Float = 0
                for i in 0 ..< 32 {
                    let a = abs(src[i])
                    amax = a > amax ? a : amax
                }
                let inv: Float = amax > 0 ? 127 / amax : 0
                let out = qs + t * cols + 32 * b
                var sum: Int32 = 0
                for i in 0 ..< 32 {
                    let q = Int32((src[i] * inv).rounded(.toNearestOrEven))
                    out[i] = Int8(truncatingIfNeeded: q)
                    sum &+= q
                }
                let scale = amax / 127
                d[t * nb + b] = scale
                s[t * nb + b] = scale * Float(sum)
            }
        }
        for tile in 0 ..< tokens / 8 {
            for b in 0 ..< nb {
                for j in 0 ..< 8 {
                    d8[(tile * nb + b) * 8 + j] = d[(tile * 8 + j) * nb + b]
                    s8[(tile * nb + b) * 8 + j] = s[(tile * 8 + j) * nb + b]
                }
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
