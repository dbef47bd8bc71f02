/// The tensors of one transformer block.
struct LlamaLayerWeights: Sendable {
    var attentionNorm: [Float]
    var wq, wk, wv, wo: WeightMatrix
    var qBias, kBias, vBias: [Float]?
    var ffnNorm: [Float]
    var gate, up, down: WeightMatrix
}

/// All weights of a Llama-family model, pointing into the mapped GGUF file (norms and biases
/// are copied out as floats). Shapes and types are checked here so the forward pass need not.
struct LlamaWeights: Sendable {
    var tokenEmbedding: WeightMatrix
    var layers: [LlamaLayerWeights]
    var outputNorm: [Float]
    /// The output projection; the token embedding when the model ties them.
    var output: WeightMatrix
    /// Llama 3.1+ long-context RoPE: per-frequency divisors (`rope_freqs.weight`).
    var ropeFactors: [Float]?

    init(gguf: GGUFFile, config c: LlamaConfig) throws(GGUFError) {
        func info(_ name: String) throws(GGUFError) -> GGUFTensorInfo {
            guard let t = gguf.tensor(named: name) else { throw .missingTensor(name) }
            return t
        }
        func matrix(_ name: String, cols: Int, rows: Int) throws(GGUFError) -> WeightMatrix {
            let t = try info(name)
            guard t.dimensions == [cols, rows] else { throw .tensorShapeMismatch(tensor: name, expected: [cols, rows], found: t.dimensions) }
            guard t.type.hasKernels else { throw .unsupportedTensorType(tensor: name, type: t.type.description) }
            return WeightMatrix(type: t.type, data: gguf.data(of: t), rows: rows, cols: cols)
        }
        func vector(_ name: String, _ n: Int) throws(GGUFError) -> [Float] {
            let t = try info(name)
            guard t.dimensions == [n] else { throw .tensorShapeMismatch(tensor: name, expected: [n], found: t.dimensions) }
            guard t.type.hasKernels else { throw .unsupportedTensorType(tensor: name, type: t.type.description) }
            var out = [Float](repeating: 0, count: n)
            out.withUnsafeMutableBufferPointer { ReferenceDequantizer.dequantize(t.type, gguf.data(of: t), into: $0.baseAddress!, count: n) }
            return out
        }
        func optionalVector(_ name: String, _ n: Int) throws(GGUFError) -> [Float]? {
            gguf.tensor(named: name) == nil ? nil : try vector(name, n)
        }
        tokenEmbedding = try matrix("token_embd.weight", cols: c.dim, rows: c.vocabularySize)
        var ls: [LlamaLayerWeights] = []
        for i in 0 ..< c.layers {
            let p = "blk.\(i)."
            ls.append(LlamaLayerWeights(
                attentionNorm: try vector(p + "attn_norm.weight", c.dim),
                wq: try matrix(p + "attn_q.weight", cols: c.dim, rows: c.qDim),
                wk: try matrix(p + "attn_k.weight", cols: c.dim, rows: c.kvDim),
                wv: try matrix(p + "attn_v.weight", cols: c.dim, rows: c.kvDim),
                wo: try matrix(p + "attn_output.weight", cols: c.qDim, rows: c.dim),
                qBias: try optionalVector(p + "attn_q.bias", c.qDim),
                kBias: try optionalVector(p + "attn_k.bias", c.kvDim),
                vBias: try optionalVector(p + "attn_v.bias", c.kvDim),
                ffnNorm: try vector(p + "ffn_norm.weight", c.dim),
                gate: try matrix(p + "ffn_gate.weight", cols: c.dim, rows: c.hiddenDim),
                up: try matrix(p + "ffn_up.weight", cols: c.dim, rows: c.hiddenDim),
                down: try matrix(p + "ffn_down.weight", cols: c.hiddenDim, rows: c.dim)))
        }
        layers = ls
        outputNorm = try vector("output_norm.weight", c.dim)
        output = gguf.tensor(named: "output.weight") == nil ? tokenEmbedding
            : try matrix("output.weight", cols: c.dim, rows: c.vocabularySize)
        ropeFactors = try optionalVector("rope_freqs.weight", c.ropeDim / 2)
    }
}
