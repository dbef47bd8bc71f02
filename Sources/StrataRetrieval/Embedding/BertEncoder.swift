/// The BERT forward pass over a batch of token sequences, followed by mean pooling and L2
/// normalisation.
///
/// Sequences are packed back to back instead of padded to the longest: every linear layer runs
/// on exactly the real tokens, and attention runs per sequence over its own length, which is
/// what a padding mask achieves without computing the padded rows.
struct BertEncoder: Sendable {
    let config: BertConfig
    let weights: BertWeights

    /// One pooled, unit-length vector per sequence. Each sequence must be non-empty and no
    /// longer than `config.maxPositions`; ids must be below the vocabulary size.
    func embed(_ sequences: [[Int32]], pool: ComputePool) -> [[Float]] {
        let h = config.hiddenSize
        var offsets: [Int] = [0]
        for s in sequences { offsets.append(offsets[offsets.count - 1] + s.count) }
        let m = offsets[offsets.count - 1]
        guard m > 0 else { return sequences.map { _ in [Float](repeating: 0, count: h) } }

        let hidden = UnsafeMutablePointer<Float>.allocate(capacity: m * h)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: m * h)
        let context = UnsafeMutablePointer<Float>.allocate(capacity: m * h)
        let wide = UnsafeMutablePointer<Float>.allocate(capacity: m * max(3 * h, config.intermediateSize))
        defer { hidden.deallocate(); scratch.deallocate(); context.deallocate(); wide.deallocate() }

        embedTokens(sequences, offsets: offsets, into: hidden, pool: pool)
        var current = hidden, spare = scratch
        for layer in weights.layers {
            layer.qkv.multiply(current, rows: m, into: wide, pool: pool)
            attention(qkv: wide, offsets: offsets, into: context, pool: pool)
            layer.attentionOutput.multiply(context, rows: m, into: spare, pool: pool)
            normalizeRows(spare, residual: current, rows: m, gamma: layer.attentionNormGamma,
                          beta: layer.attentionNormBeta, pool: pool)
            swap(&current, &spare)
            let inter = config.intermediateSize
            layer.intermediate.multiply(current, rows: m, into: wide, pool: pool) { rows, columns in
                for r in rows { VectorKernels.geluInPlace(wide + r * inter + columns.lowerBound, count: columns.count) }
            }
            layer.output.multiply(wide, rows: m, into: spare, pool: pool)
            normalizeRows(spare, residual: current, rows: m, gamma: layer.outputNormGamma,
                          beta: layer.outputNormBeta, pool: pool)
            swap(&current, &spare)
        }
        return meanPool(current, offsets: offsets)
    }

    private func embedTokens(_ sequences: [[Int32]], offsets: [Int], into out: UnsafeMutablePointer<Float>, pool: ComputePool) {
        let h = config.hiddenSize
        let eps = config.layerNormEpsilon
        weights.wordEmbeddings.withUnsafeBufferPointer { word in
        weights.positionEmbeddings.withUnsafeBufferPointer { position in
        weights.tokenTypeEmbeddings.withUnsafeBufferPointer { type in
        weights.embeddingNormGamma.withUnsafeBufferPointer { gamma in
        weights.embeddingNormBeta.withUnsafeBufferPointer { beta in
            guard let word = word.baseAddress, let position = position.baseAddress, let type = type.baseAddress,
                  let gamma = gamma.baseAddress, let beta = beta.baseAddress else { return }
            pool.run(sequences.count) { s in
                for (t, id) in sequences[s].enumerated() {
                    let row = out + (offsets[s] + t) * h
                    let w = word + Int(id) * h, p = position + t * h
                    // Single-sentence inputs: token type 0 everywhere.
                    for i in 0..<h { row[i] = w[i] + p[i] + type[i] }
                    VectorKernels.addLayerNorm(row, residual: nil, width: h, gamma: gamma, beta: beta, epsilon: eps)
                }
            }
        }}}}}
    }

    /// Scaled dot-product attention per (sequence, head); `qkv` rows hold Q, K, V side by side.
    private func attention(qkv: UnsafeMutablePointer<Float>, offsets: [Int], into out: UnsafeMutablePointer<Float>, pool: ComputePool) {
        let h = config.hiddenSize, heads = config.headCount, d = config.headSize
        let stride = 3 * h
        let scale = 1 / Float(d).squareRoot()
        let sequenceCount = offsets.count - 1
        pool.run(sequenceCount * heads) { task in
            let s = task / heads, head = task % heads
            let start = offsets[s], length = offsets[s + 1] - start
            let base = qkv + start * stride + head * d
            AttentionKernel.run(q: base, k: base + h, v: base + 2 * h, rowStride: stride, length: length,
                                headSize: d, scale: scale, out: out + start * h + head * d, outStride: h)
        }
    }

    /// `x = LayerNorm(x + residual)` row by row, in blocks across the pool.
    private func normalizeRows(_ x: UnsafeMutablePointer<Float>, residual: UnsafeMutablePointer<Float>, rows: Int,
                               gamma: [Float], beta: [Float], pool: ComputePool) {
        let h = config.hiddenSize, eps = config.layerNormEpsilon
        let block = 64
        gamma.withUnsafeBufferPointer { g in
            beta.withUnsafeBufferPointer { b in
                guard let g = g.baseAddress, let b = b.baseAddress else { return }
                pool.run((rows + block - 1) / block) { task in
                    for r in (task * block)..<min(rows, task * block + block) {
                        VectorKernels.addLayerNorm(x + r * h, residual: residual + r * h, width: h,
                                                   gamma: g, beta: b, epsilon: eps)
                    }
                }
            }
        }
    }

    private func meanPool(_ x: UnsafeMutablePointer<Float>, offsets: [Int]) -> [[Float]] {
        let h = config.hiddenSize
        var result: [[Float]] = []
        result.reserveCapacity(offsets.count - 1)
        for s in 0..<(offsets.count - 1) {
            var v = [Float](repeating: 0, count: h)
            let count = offsets[s + 1] - offsets[s]
            for r in offsets[s]..<offsets[s + 1] {
                let row = x + r * h
                for i in 0..<h { v[i] += row[i] }
            }
            var norm: Float = 0
            for i in 0..<h { v[i] /= Float(max(count, 1)); norm += v[i] * v[i] }
            // sentence-transformers' Normalize divides by max(norm, 1e-12).
            let inv = 1 / max(norm.squareRoot(), 1e-12)
            for i in 0..<h { v[i] *= inv }
            result.append(v)
        }
        return result
    }
}
