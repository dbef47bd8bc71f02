/// Matrix × vector(s) for every supported weight layout: `out[t·outStride + r] = W[r] · x_t`.
/// Weights are dequantized in registers chunk by chunk; for several tokens (prefill) each
/// chunk is dequantized once and applied to a tile of tokens.
public enum MatrixMultiply {
    /// Computes rows `rows` of the product for `tokens` input vectors on the calling thread.
    public static func multiply(
        _ w: WeightMatrix, x: UnsafePointer<Float>, xStride: Int, tokens: Int,
        out: UnsafeMutablePointer<Float>, outStride: Int, rows: Range<Int>
    ) {
        guard w.cols % 32 == 0 else {
            scalar(w, x: x, xStride: xStride, tokens: tokens, out: out, outStride: outStride, rows: rows)
            return
        }
        switch w.type {
        case .f32: run(F32Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .f16: run(F16Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .bf16: run(BF16Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .q8_0: run(Q8_0Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .q4_0: run(Q4_0Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .q4_1: run(Q4_1Format.self, w, x, xStride, tokens, out, outStride, rows)
        case .q4_K: run(Q4_KFormat.self, w, x, xStride, tokens, out, outStride, rows)
        case .q5_K: run(Q5_KFormat.self, w, x, xStride, tokens, out, outStride, rows)
        case .q6_K: run(Q6_KFormat.self, w, x, xStride, tokens, out, outStride, rows)
        default: scalar(w, x: x, xStride: xStride, tokens: tokens, out: out, outStride: outStride, rows: rows)
        }
    }

    /// The whole product, rows spread over the pool's threads.
    public static func multiply(
        _ w: WeightMatrix, x: UnsafePointer<Float>, xStride: Int, tokens: Int,
        out: UnsafeMutablePointer<Float>, outStride: Int, pool: ComputePool
    ) {
        pool.parallelFor(w.rows, granularity: 16) { range in
            multiply(w, x: x, xStride: xStride, tokens: tokens, out: out, outStride: outStride, rows: range)
        }
    }

    /// The whole product using the int8 kernels when the weight type has them: the input is
    /// quantized into `scratch` first (its capacity must cover `tokens · cols`).
    public static func multiply(
        _ w: WeightMatrix, x: UnsafePointer<Float>, xStride: Int, tokens: Int,
        out: UnsafeMutablePointer<Float>, outStride: Int, pool: ComputePool, scratch: QuantizedActivations
    ) {
        guard Int8MatrixMultiply.supports(w.type), w.cols % 32 == 0 else {
            multiply(w, x: x, xStride: xStride, tokens: tokens, out: out, outStride: outStride, pool: pool)
            return
        }
        scratch.quantize(x, xStride: xStride, cols: w.cols, tokens: tokens)
        pool.parallelFor(w.rows, granularity: 16) { range in
            Int8MatrixMultiply.multiply(w, scratch, out: out, outStride: outStride, rows: range)
        }
    }

    /// Matrix × one vector, the decode case.
    public static func multiply(_ w: WeightMatrix, x: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, pool: ComputePool) {
        multiply(w, x: x, xStride: w.cols, tokens: 1, out: out, outStride: w.rows, pool: pool)
    }

    @inline(__always)
    private static func run<F: BlockFormat>(
        _: F.Type, _ w: WeightMatrix, _ x: UnsafePointer<Float>, _ xs: Int, _ tokens: Int,
        _ out: UnsafeMutablePointer<Float>, _ os: Int, _ rows: Range<Int>
    ) {
        let chunks = w.cols / 32
        let rowBytes = w.rowBytes
        var t = 0
        // Tiles of 4 tokens: each dequantized chunk feeds 8 FMAs.
        while t + 4 <= tokens {
            let x0 = x + t * xs, x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs
            for r in rows {
                let row = w.data + r * rowBytes
                var a0 = F16x(), a1 = F16x(), a2 = F16x(), a3 = F16x()
                for c in 0 ..< chunks {
                    let (lo, hi) = F.load(row, c)
                    let o = 32 * c
                    a0 = a0.addingProduct(lo, load16(x0 + o)).addingProduct(hi, load16(x0 + o + 16))
                    a1 = a1.addingProduct(lo, load16(x1 + o)).addingProduct(hi, load16(x1 + o + 16))
                    a2 = a2.addingProduct(lo, load16(x2 + o)).addingProduct(hi, load16(x2 + o + 16))
                    a3 = a3.addingProduct(lo, load16(x3 + o)).addingProduct(hi, load16(x3 + o + 16))
                }
                out[t * os + r] = hsum(a0)
                out[(t + 1) * os + r] = hsum(a1)
                out[(t + 2) * os + r] = hsum(a2)
                out[(t + 3) * os + r] = hsum(a3)
            }
            t += 4
        }
        while t < tokens {
            let x0 = x + t * xs
            for r in rows {
                let row = w.data + r * rowBytes
                var a0 = F16x(), a1 = F16x()
                for c in 0 ..< chunks {
                    let (lo, hi) = F.load(row, c)
                    let o = 32 * c
                    a0 = a0.addingProduct(lo, load16(x0 + o))
                    a1 = a1.addingProduct(hi, load16(x0 + o + 16))
                }
                out[t * os + r] = hsum(a0 + a1)
            }
            t += 1
        }
    }

    /// Fallback for shapes the SIMD path does not cover (float rows not a multiple of 32).
    private static func scalar(
        _ w: WeightMatrix, x: UnsafePointer<Float>, xStride: Int, tokens: Int,
        out: UnsafeMutablePointer<Float>, outStride: Int, rows: Range<Int>
    ) {
        let buf = UnsafeMutablePointer<Float>.allocate(capacity: w.cols)
        defer { buf.deallocate() }
        for r in rows {
            w.dequantizeRow(r, into: buf)
            for t in 0 ..< tokens {
                var s: Float = 0
                for i in 0 ..< w.cols { s += buf[i] * x[t * xStride + i] }
                out[t * outStride + r] = s
            }
        }
    }
}
