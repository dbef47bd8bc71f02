/// Scaled dot-product attention of one head over one sequence, for head size 32 (MiniLM,
/// BERT-base has 64 and takes the generic path).
///
/// Keys are transposed into a scratch buffer so scores for 8 keys come out of one vector FMA,
/// and four queries share each key and value load: the same register blocking as the
/// matrix-multiply kernel, applied to Q·Kᵀ and P·V.
enum AttentionKernel {
    /// `qkv` rows hold Q, K, V side by side (`rowStride` floats); `q`, `k`, `v` point at this
    /// head's columns of the sequence's first row. Writes `length` rows of `headSize` floats to
    /// `out` (stride `outStride`).
    static func run(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, rowStride: Int,
                    length: Int, headSize: Int, scale: Float, out: UnsafeMutablePointer<Float>, outStride: Int) {
        guard headSize == 32 else {
            generic(q: q, k: k, v: v, rowStride: rowStride, length: length, headSize: headSize, scale: scale,
                    out: out, outStride: outStride)
            return
        }
        let padded = (length + 7) & ~7
        // kT[c][j] = K[j][c] · scale; zero-padded to a multiple of 8 keys.
        let kT = UnsafeMutablePointer<Float>.allocate(capacity: 32 * padded)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: 4 * padded)
        defer { kT.deallocate(); scores.deallocate() }
        kT.initialize(repeating: 0, count: 32 * padded)
        for j in 0..<length {
            let row = k + j * rowStride
            for c in 0..<32 { kT[c * padded + j] = row[c] * scale }
        }
        var i = 0
        while i < length {
            let rows = min(4, length - i)
            scoreBlock(q: q + i * rowStride, rows: rows, rowStride: rowStride, kT: kT, padded: padded, scores: scores)
            for r in 0..<rows { softmax(scores + r * padded, count: length) }
            valueBlock(scores: scores, padded: padded, rows: rows, length: length, v: v, rowStride: rowStride,
                       out: out + i * outStride, outStride: outStride)
            i += 4
        }
    }

    /// scores[r][j] = q_r · k_j for up to 4 queries and all (padded) keys.
    @inline(__always)
    private static func scoreBlock(q: UnsafePointer<Float>, rows: Int, rowStride: Int, kT: UnsafePointer<Float>,
                                   padded: Int, scores: UnsafeMutablePointer<Float>) {
        // Missing query rows reuse row 0; their scores are never read.
        let q0 = q, q1 = rows > 1 ? q + rowStride : q, q2 = rows > 2 ? q + 2 * rowStride : q, q3 = rows > 3 ? q + 3 * rowStride : q
        let kr = UnsafeRawPointer(kT)
        let sr = UnsafeMutableRawPointer(scores)
        var j = 0
        while j < padded {
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            for c in 0..<32 {
                let key = kr.loadUnaligned(fromByteOffset: 4 * (c * padded + j), as: SIMD8<Float>.self)
                a0 = a0.addingProduct(SIMD8(repeating: q0[c]), key)
                a1 = a1.addingProduct(SIMD8(repeating: q1[c]), key)
                a2 = a2.addingProduct(SIMD8(repeating: q2[c]), key)
                a3 = a3.addingProduct(SIMD8(repeating: q3[c]), key)
            }
            sr.storeBytes(of: a0, toByteOffset: 4 * j, as: SIMD8<Float>.self)
            sr.storeBytes(of: a1, toByteOffset: 4 * (padded + j), as: SIMD8<Float>.self)
            sr.storeBytes(of: a2, toByteOffset: 4 * (2 * padded + j), as: SIMD8<Float>.self)
            sr.storeBytes(of: a3, toByteOffset: 4 * (3 * padded + j), as: SIMD8<Float>.self)
            j += 8
        }
    }

    /// In-place softmax, 8 lanes at a time: written out by hand because the max and the sum
    /// are reductions the optimiser will not vectorise on its own.
    @inline(__always)
    private static func softmax(_ s: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(s)
        let full = count & ~7
        var maxVector = SIMD8<Float>(repeating: -Float.greatestFiniteMagnitude)
        var j = 0
        while j < full {
            maxVector = VectorKernels.lanewiseMax(maxVector, raw.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self))
            j += 8
        }
        var maxScore = maxVector.max()
        for t in full..<count { maxScore = max(maxScore, s[t]) }
        let shift = SIMD8<Float>(repeating: maxScore)
        var sumVector = SIMD8<Float>()
        j = 0
        while j < full {
            let e = VectorKernels.exp(raw.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self) - shift)
            raw.storeBytes(of: e, toByteOffset: 4 * j, as: SIMD8<Float>.self)
            sumVector += e
            j += 8
        }
        var sum = sumVector.sum()
        for t in full..<count {
            let e = VectorKernels.exp(s[t] - maxScore)
            s[t] = e
            sum += e
        }
        let inv = 1 / sum
        let scale = SIMD8<Float>(repeating: inv)
        j = 0
        while j < full {
            raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self) * scale,
                           toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        for t in full..<count { s[t] *= inv }
    }

    /// out_r = Σ_j p_rj · v_j for up to 4 query rows.
    @inline(__always)
    private static func valueBlock(scores: UnsafePointer<Float>, padded: Int, rows: Int, length: Int,
                                   v: UnsafePointer<Float>, rowStride: Int, out: UnsafeMutablePointer<Float>, outStride: Int) {
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c02 = SIMD8<Float>(), c03 = SIMD8<Float>()
        var c10 = SIMD8<Float>(), c11 = SIMD8<Float>(), c12 = SIMD8<Float>(), c13 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c22 = SIMD8<Float>(), c23 = SIMD8<Float>()
        var c30 = SIMD8<Float>(), c31 = SIMD8<Float>(), c32 = SIMD8<Float>(), c33 = SIMD8<Float>()
        let p0 = scores, p1 = scores + padded, p2 = scores + 2 * padded, p3 = scores + 3 * padded
        for j in 0..<length {
            let vr = UnsafeRawPointer(v + j * rowStride)
            let v0 = vr.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
            let v1 = vr.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            let v2 = vr.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            let v3 = vr.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            let b0 = SIMD8<Float>(repeating: p0[j])
            c00 = c00.addingProduct(b0, v0); c01 = c01.addingProduct(b0, v1)
            c02 = c02.addingProduct(b0, v2); c03 = c03.addingProduct(b0, v3)
            let b1 = SIMD8<Float>(repeating: p1[j])
            c10 = c10.addingProduct(b1, v0); c11 = c11.addingProduct(b1, v1)
            c12 = c12.addingProduct(b1, v2); c13 = c13.addingProduct(b1, v3)
            let b2 = SIMD8<Float>(repeating: p2[j])
            c20 = c20.addingProduct(b2, v0); c21 = c21.addingProduct(b2, v1)
            c22 = c22.addingProduct(b2, v2); c23 = c23.addingProduct(b2, v3)
            let b3 = SIMD8<Float>(repeating: p3[j])
            c30 = c30.addingProduct(b3, v0); c31 = c31.addingProduct(b3, v1)
            c32 = c32.addingProduct(b3, v2); c33 = c33.addingProduct(b3, v3)
        }
        let rowsOut: [(SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)] =
            [(c00, c01, c02, c03), (c10, c11, c12, c13), (c20, c21, c22, c23), (c30, c31, c32, c33)]
        for r in 0..<rows {
            let o = UnsafeMutableRawPointer(out + r * outStride)
            let (a, b, c, d) = rowsOut[r]
            o.storeBytes(of: a, toByteOffset: 0, as: SIMD8<Float>.self)
            o.storeBytes(of: b, toByteOffset: 32, as: SIMD8<Float>.self)
            o.storeBytes(of: c, toByteOffset: 64, as: SIMD8<Float>.self)
            o.storeBytes(of: d, toByteOffset: 96, as: SIMD8<Float>.self)
        }
    }

    /// Any head size: one query at a time, plain dot products.
    static func generic(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, rowStride: Int,
                        length: Int, headSize d: Int, scale: Float, out: UnsafeMutablePointer<Float>, outStride: Int) {
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: length)
        defer { scores.deallocate() }
        for i in 0..<length {
            let qi = q + i * rowStride
            for j in 0..<length { scores[j] = VectorKernels.dot(qi, k + j * rowStride, count: d) * scale }
            softmax(scores, count: length)
            let o = out + i * outStride
            for c in 0..<d { o[c] = 0 }
            for j in 0..<length { VectorKernels.axpy(scores[j], v + j * rowStride, o, count: d) }
        }
    }
}
