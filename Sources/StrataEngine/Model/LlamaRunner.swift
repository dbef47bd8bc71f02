#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Executes the Llama forward pass, in the spirit of llama2.c's `forward()`: embeddings, then
/// per layer RMSNorm → Q/K/V → RoPE → causal grouped-query attention over the KV cache →
/// output projection → RMSNorm → SwiGLU feed-forward, then the final norm and logits.
/// Tokens are processed in chunks (prefill) or one at a time (decode); matrix products run
/// on the compute pool. It owns only scratch memory; KV blocks come from a `KVBlockPool`.
/// Not thread-safe: one engine thread drives it.
final class LlamaRunner {
    let config: LlamaConfig
    let weights: LlamaWeights
    let pool: ComputePool
    let kvPool: KVBlockPool
    /// Most tokens per forward chunk; bounds the scratch memory.
    let maxChunk: Int

    private let x, xb, q, k, v, att, hb, hb2: UnsafeMutablePointer<Float>
    let logits: UnsafeMutablePointer<Float>
    /// Logits of every token of a verification chunk (speculative decoding), row after row.
    let allLogits: UnsafeMutablePointer<Float>
    /// Most tokens a verification chunk may hold.
    static let maxVerifyTokens = 16
    /// Attention scores: per pool thread, one row of `contextLength` per query head of a KV group.
    private let scores: UnsafeMutablePointer<Float>
    private let scoreStride: Int
    /// Decode attention split over position ranges: per KV head and range, the group's outputs
    /// and (max, sum) statistics, merged afterwards.
    private let splitCount: Int
    private let partialOut, partialStats: UnsafeMutablePointer<Float>
    private let ropeFrequencies: [Float]
    /// cos and sin of every rotation angle for the chunk's positions (the same in every layer).
    private let ropeCos, ropeSin: UnsafeMutablePointer<Float>
    /// The current matrix input quantized to int8, shared by the matrices that read it.
    private let activations: QuantizedActivations
    private var keyBlocks: [UnsafeMutablePointer<Float16>] = []
    /// Set while a verification chunk runs.
    private var verifying = false
    private var valueBlocks: [UnsafeMutablePointer<Float16>] = []

    /// - Parameter kvCacheBytes: memory for keys and values (active sequences and the prefix cache).
    init(config: LlamaConfig, weights: LlamaWeights, pool: ComputePool, maxChunk: Int = 64, kvCacheBytes: Int = 512 << 20) {
        self.config = config
        self.weights = weights
        self.pool = pool
        self.maxChunk = maxChunk
        let blockBytes = config.layers * 2 * 64 * config.kvDim * MemoryLayout<Float16>.size
        kvPool = KVBlockPool(layers: config.layers, kvDim: config.kvDim, capacity: max(4, kvCacheBytes / max(1, blockBytes)))
        let c = config, t = maxChunk
        func buf(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        x = buf(t * c.dim); xb = buf(t * max(c.dim, c.qDim)); q = buf(t * c.qDim)
        k = buf(t * c.kvDim); v = buf(t * c.kvDim); att = buf(t * c.qDim)
        hb = buf(t * c.hiddenDim); hb2 = buf(t * c.hiddenDim)
        logits = buf(c.vocabularySize)
        allLogits = buf(Self.maxVerifyTokens * c.vocabularySize)
        activations = QuantizedActivations(capacity: t * max(c.dim, c.qDim, c.hiddenDim))
        scoreStride = (c.contextLength + 63) / 64 * 64
        scores = buf(pool.participants * (c.heads / c.kvHeads) * scoreStride)
        splitCount = pool.participants * 2
        partialOut = buf(c.kvHeads * splitCount * (c.heads / c.kvHeads) * c.headDim)
        partialStats = buf(c.kvHeads * splitCount * (c.heads / c.kvHeads) * 2)
        ropeCos = buf(t * c.ropeDim / 2)
        ropeSin = buf(t * c.ropeDim / 2)
        let factors = weights.ropeFactors
        ropeFrequencies = (0 ..< c.ropeDim / 2).map { i in
            powf(c.ropeBase, -Float(2 * i) / Float(c.ropeDim)) / (factors.map { $0[i] } ?? 1)
        }
    }

    deinit {
        for p in [x, xb, q, k, v, att, hb, hb2, logits, allLogits, scores, ropeCos, ropeSin, partialOut, partialStats] { p.deallocate() }
    }

    /// Runs `tokens` at positions `kv.count...` and appends them to the sequence's cache.
    /// With `wantLogits`, `logits` then holds the last token's logits.
    /// `shouldStop` is checked between chunks so a cancelled request does not finish a long prefill.
    func forward(_ tokens: ArraySlice<Int>, kv: inout SequenceKV, wantLogits: Bool, shouldStop: () -> Bool = { false }) {
        var rest = tokens
        while !rest.isEmpty && !shouldStop() {
            let chunk = rest.prefix(maxChunk)
            rest = rest.dropFirst(chunk.count)
            forwardChunk(Array(chunk), kv: &kv, wantLogits: wantLogits && rest.isEmpty)
        }
    }

    /// Runs up to `maxVerifyTokens` tokens and leaves every token's logits in `allLogits`
    /// (row t predicts the token after `tokens[t]`): one pass to check drafted tokens.
    func forwardVerifying(_ tokens: [Int], kv: inout SequenceKV) {
        precondition(!tokens.isEmpty && tokens.count <= Self.maxVerifyTokens)
        verifying = true
        defer { verifying = false }
        forwardChunk(tokens, kv: &kv, wantLogits: false, allRows: true)
    }

    /// One decode step for several sequences at once (continuous batching): `tokens[i]` is
    /// appended to `sequences[i]`, and row i of `allLogits` then predicts its next token. The
    /// weights are read once for the batch. With `exact`, every token is computed with the
    /// one-token arithmetic, so a sequence's output does not depend on what it was batched
    /// with; without, the matrix products use the faster 8-token tiles.
    func forwardBatch(_ tokens: [Int], sequences: inout [SequenceKV], exact: Bool = true) {
        precondition(!tokens.isEmpty && tokens.count == sequences.count && tokens.count <= Self.maxVerifyTokens)
        verifying = exact
        defer { verifying = false }
        let c = config, n = tokens.count
        for i in 0 ..< n { sequences[i].reserve(sequences[i].count + 1, in: kvPool) }
        let positions = sequences.map(\.count)
        embed(tokens, positions: positions)
        let frozen = sequences
        runLayers(tokens: n) { l in
            for t in 0 ..< n {
                storeKV(layer: l, kv: frozen[t], start: positions[t], tokens: 1, firstRow: t)
                attention(layer: l, start: positions[t], tokens: 1, first: t)
            }
        }
        for t in 0 ..< n {
            sequences[t].count += 1
            VectorMath.rmsNorm(xb, x + t * c.dim, weights.outputNorm, c.dim, eps: c.rmsEpsilon)
            project(xb, tokens: 1, [(weights.output, allLogits + t * c.vocabularySize)])
        }
    }

    private func forwardChunk(_ tokens: [Int], kv: inout SequenceKV, wantLogits: Bool, allRows: Bool = false) {
        let c = config, w = weights, n = tokens.count
        let start = kv.count
        kv.reserve(start + n, in: kvPool)
        embed(tokens, positions: (0 ..< n).map { start + $0 })
        let sequence = kv
        runLayers(tokens: n) { l in
            storeKV(layer: l, kv: sequence, start: start, tokens: n)
            if allRows {
                // Each token exactly as a one-token decode attends, so verification agrees with
                // plain decoding bit for bit: tokens a decode would not split over position
                // ranges compute the same in one call; the others go one by one.
                let together = (0 ..< n).first { splitsDecodeAttention(length: start + $0 + 1) } ?? n
                if together > 0 { attention(layer: l, start: start, tokens: together) }
                for t in together ..< n { attention(layer: l, start: start + t, tokens: 1, first: t) }
            } else {
                attention(layer: l, start: start, tokens: n)
            }
        }
        kv.count = start + n

        if allRows {
            // Row by row, as a one-token decode computes them, so verified logits match exactly.
            for t in 0 ..< n {
                VectorMath.rmsNorm(xb, x + t * c.dim, w.outputNorm, c.dim, eps: c.rmsEpsilon)
                project(xb, tokens: 1, [(w.output, allLogits + t * c.vocabularySize)])
            }
        } else if wantLogits {
            let last = x + (n - 1) * c.dim
            VectorMath.rmsNorm(xb, last, w.outputNorm, c.dim, eps: c.rmsEpsilon)
            project(xb, tokens: 1, [(w.output, logits)])
        }
    }

    /// Token embeddings into `x`, and the rotation tables for each token's position.
    private func embed(_ tokens: [Int], positions: [Int]) {
        let c = config
        for (t, token) in tokens.enumerated() {
            weights.tokenEmbedding.dequantizeRow(min(max(token, 0), c.vocabularySize - 1), into: x + t * c.dim)
        }
        let half = c.ropeDim / 2
        for (t, position) in positions.enumerated() {
            for i in 0 ..< half {
                let angle = Float(position) * ropeFrequencies[i]
                ropeCos[t * half + i] = cosf(angle)
                ropeSin[t * half + i] = sinf(angle)
            }
        }
    }

    /// Every layer over the `n` tokens in `x`: `attend(layer)` stores their keys and values
    /// and leaves the attention output in `att`.
    private func runLayers(tokens n: Int, attend: (Int) -> Void) {
        let c = config
        for (l, layer) in weights.layers.enumerated() {
            // Attention block.
            for t in 0 ..< n {
                VectorMath.rmsNorm(xb + t * c.dim, x + t * c.dim, layer.attentionNorm, c.dim, eps: c.rmsEpsilon)
            }
            project(xb, tokens: n, [(layer.wq, q), (layer.wk, k), (layer.wv, v)])
            addBias(layer.qBias, q, c.qDim, n)
            addBias(layer.kBias, k, c.kvDim, n)
            addBias(layer.vBias, v, c.kvDim, n)
            for t in 0 ..< n {
                rope(q + t * c.qDim, heads: c.heads, token: t)
                rope(k + t * c.kvDim, heads: c.kvHeads, token: t)
            }
            attend(l)
            project(att, tokens: n, [(layer.wo, xb)])
            VectorMath.add(x, xb, n * c.dim)

            // Feed-forward block.
            for t in 0 ..< n {
                VectorMath.rmsNorm(xb + t * c.dim, x + t * c.dim, layer.ffnNorm, c.dim, eps: c.rmsEpsilon)
            }
            project(xb, tokens: n, [(layer.gate, hb), (layer.up, hb2)])
            VectorMath.swiglu(hb, hb2, n * c.hiddenDim)
            project(hb, tokens: n, [(layer.down, xb)])
            VectorMath.add(x, xb, n * c.dim)
        }
    }

    /// Products of several matrices with the same input in one dispatch: every thread takes
    /// its share of each matrix. Quantized weight types use the int8 kernels on the input
    /// quantized once here.
    private func project(_ input: UnsafePointer<Float>, tokens: Int, _ targets: [(WeightMatrix, UnsafeMutablePointer<Float>)]) {
        project(input, tokens: tokens, targets, eachTokenAsDecoded: verifying)
    }

    /// With `eachTokenAsDecoded`, every token's product is computed exactly as a one-token
    /// decode computes it (used while verifying drafts).
    private func project(_ input: UnsafePointer<Float>, tokens: Int, _ targets: [(WeightMatrix, UnsafeMutablePointer<Float>)],
                         eachTokenAsDecoded: Bool) {
        let cols = targets[0].0.cols
        if cols % 32 == 0 && targets.contains(where: { Int8MatrixMultiply.supports($0.0.type) }) {
            activations.quantize(input, xStride: cols, cols: cols, tokens: tokens)
        }
        // A few chunks per thread and matrix, so a descheduled thread's share is picked up by the others.
        let perMatrix = max(1, min(pool.participants * 3, targets[0].0.rows / 64))
        let a = activations
        let useInt8 = targets.map { cols % 32 == 0 && Int8MatrixMultiply.supports($0.0.type) }
        pool.run(chunks: targets.count * perMatrix) { chunk, _ in
            let which = chunk / perMatrix
            let (m, o) = targets[which]
            let r = share(m.rows, chunk % perMatrix, perMatrix)
            if useInt8[which] {
                Int8MatrixMultiply.multiply(m, a, out: o, outStride: m.rows, rows: r, eachTokenAsDecoded: eachTokenAsDecoded)
            } else {
                if eachTokenAsDecoded {
                    for t in 0 ..< tokens {
                        MatrixMultiply.multiply(m, x: input + t * cols, xStride: cols, tokens: 1, out: o + t * m.rows,
                                                outStride: m.rows, rows: r)
                    }
                } else {
                    MatrixMultiply.multiply(m, x: input, xStride: cols, tokens: tokens, out: o, outStride: m.rows, rows: r)
                }
            }
        }
    }

    @inline(__always)
    private func share(_ rows: Int, _ w: Int, _ n: Int) -> Range<Int> {
        let units = (rows + 15) / 16
        return min(rows, units * w / n * 16) ..< min(rows, units * (w + 1) / n * 16)
    }

    private func addBias(_ bias: [Float]?, _ y: UnsafeMutablePointer<Float>, _ dim: Int, _ n: Int) {
        guard let bias else { return }
        bias.withUnsafeBufferPointer { b in
            for t in 0 ..< n { VectorMath.add(y + t * dim, b.baseAddress!, dim) }
        }
    }

    /// Rotary position embedding of every head of the chunk's token `t`.
    private func rope(_ vec: UnsafeMutablePointer<Float>, heads: Int, token t: Int) {
        let c = config
        let half = c.ropeDim / 2
        let cosines = ropeCos + t * half, sines = ropeSin + t * half
        for h in 0 ..< heads {
            let p = vec + h * c.headDim
            for i in 0 ..< half {
                let (a, b) = c.ropeStyle == .adjacentPairs ? (2 * i, 2 * i + 1) : (i, i + half)
                let x0 = p[a], x1 = p[b]
                p[a] = x0 * cosines[i] - x1 * sines[i]
                p[b] = x0 * sines[i] + x1 * cosines[i]
            }
        }
    }

    /// Appends the chunk's keys and values to the cache: keys transposed within a block
    /// (`[kvHead][dim][position]`) for the attention kernel, values as rows (`[kvHead][position][dim]`).
    private func storeKV(layer l: Int, kv: SequenceKV, start: Int, tokens n: Int, firstRow: Int = 0) {
        let c = config, bt = kvPool.blockTokens, hd = c.headDim
        keyBlocks = kv.blockTable.map { kvPool.keys(block: $0, layer: l) }
        valueBlocks = kv.blockTable.map { kvPool.values(block: $0, layer: l) }
        for t in 0 ..< n {
            let p = start + t
            for h in 0 ..< c.kvHeads {
                let kd = keyBlocks[p / bt] + h * bt * hd + p % bt
                let vd = valueBlocks[p / bt] + h * bt * hd + (p % bt) * hd
                let ks = k + (firstRow + t) * c.kvDim + h * hd, vs = v + (firstRow + t) * c.kvDim + h * hd
                for i in 0 ..< hd {
                    kd[i * bt] = Float16(ks[i])
                    vd[i] = Float16(vs[i])
                }
            }
        }
    }

    /// Causal attention of the chunk's queries over every cached position up to their own.
    /// A work item is one token and one KV head with the query heads that share it (GQA).
    /// Whether decoding one token at `length` positions splits its attention over position
    /// ranges (few KV heads for the threads, long enough context).
    private func splitsDecodeAttention(length: Int) -> Bool {
        let c = config, bt = kvPool.blockTokens
        let fast = c.headDim % 64 == 0 && bt == AttentionKernel.blockTokens
        return fast && pool.participants > 1 && c.kvHeads < 2 * pool.participants && (length + bt - 1) / bt >= 4
    }

    /// Attention for the chunk's tokens `first ..< first + n`, the first at position `start`.
    private func attention(layer l: Int, start: Int, tokens n: Int, first: Int = 0) {
        let c = config, bt = kvPool.blockTokens
        let group = c.heads / c.kvHeads
        let scale = 1 / Float(c.headDim).squareRoot()
        let items = n * c.kvHeads
        let chunks = min(items, pool.participants * 4)
        let q = q + first * c.qDim, att = att + first * c.qDim, scores = scores, stride = scoreStride, hd = c.headDim
        // Per KV head, the block pointers offset to that head's slice.
        let keys = (0 ..< c.kvHeads).map { h in keyBlocks.map { $0 + h * bt * hd } }
        let values = (0 ..< c.kvHeads).map { h in valueBlocks.map { $0 + h * bt * hd } }
        let fast = hd % 64 == 0 && bt == AttentionKernel.blockTokens
        // Decoding one token has only `kvHeads` work items; with a long context, split each
        // over position ranges so every thread gets a share (merged below).
        let blocks = (start + n + bt - 1) / bt
        if n == 1 && splitsDecodeAttention(length: start + 1) {
            splitDecodeAttention(q: q, att: att, keys: keys, values: values, length: start + 1, blocks: blocks, scale: scale)
            return
        }
        pool.run(chunks: chunks) { chunk, thread in
            let rows = scores + thread * group * stride
            for item in items * chunk / chunks ..< items * (chunk + 1) / chunks {
                let t = item / c.kvHeads, kvh = item % c.kvHeads
                let length = start + t + 1
                let qg = q + t * c.qDim + kvh * group * hd
                let og = att + t * c.qDim + kvh * group * hd
                if fast {
                    AttentionKernel.attend(q: qg, out: og, heads: group, length: length, keys: keys[kvh], values: values[kvh],
                                           headDim: hd, scale: scale, scores: rows, scoreStride: stride)
                    continue
                }
                // Generic head sizes: one dot product per position and head.
                for g in 0 ..< group {
                    let row = rows + g * stride
                    for p in 0 ..< length {
                        var s: Float = 0
                        let kp = keys[kvh][p / bt] + p % bt
                        for i in 0 ..< hd { s += qg[g * hd + i] * Float(kp[i * bt]) }
                        row[p] = s * scale
                    }
                    VectorMath.softmax(row, length)
                    let o = og + g * hd
                    o.initialize(repeating: 0, count: hd)
                    for p in 0 ..< length {
                        VectorMath.axpy(o, row[p], values[kvh][p / bt] + (p % bt) * hd, hd)
                    }
                }
            }
        }
    }

    private func splitDecodeAttention(q: UnsafeMutablePointer<Float>, att: UnsafeMutablePointer<Float>,
                                      keys: [[UnsafeMutablePointer<Float16>]], values: [[UnsafeMutablePointer<Float16>]],
                                      length: Int, blocks: Int, scale: Float) {
        let c = config, hd = c.headDim, group = c.heads / c.kvHeads
        let segments = min(splitCount, blocks)
        let scores = scores, stride = scoreStride, partialOut = partialOut, partialStats = partialStats
        pool.run(chunks: c.kvHeads * segments) { chunk, thread in
            let kvh = chunk / segments, seg = chunk % segments
            let from = blocks * seg / segments * 64, to = min(length, blocks * (seg + 1) / segments * 64)
            let slot = (kvh * segments + seg) * group
            AttentionKernel.attend(q: q + kvh * group * hd, out: partialOut + slot * hd, heads: group, positions: from ..< to,
                                   keys: keys[kvh], values: values[kvh], headDim: hd, scale: scale,
                                   scores: scores + thread * group * stride, scoreStride: stride, stats: partialStats + slot * 2)
        }
        for kvh in 0 ..< c.kvHeads {
            for g in 0 ..< group {
                let slots = (0 ..< segments).map { (kvh * segments + $0) * group + g }
                AttentionKernel.merge(slots.map { UnsafePointer(partialOut + $0 * hd) },
                                      stats: slots.map { (partialStats[2 * $0], partialStats[2 * $0 + 1]) },
                                      into: att + (kvh * group + g) * hd, headDim: hd)
            }
        }
    }
}
