/// All weights of a BERT encoder, converted to `Float` and repacked for the kernels once at load.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        /// Query, key and value fused into one `3·hidden`-wide projection: one pass over the input.
        let qkv: PackedMatrix
        let attentionOutput: PackedMatrix
        let attentionNormGamma: [Float]
        let attentionNormBeta: [Float]
        let intermediate: PackedMatrix
        let output: PackedMatrix
        let outputNormGamma: [Float]
        let outputNormBeta: [Float]
    }

    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    let tokenTypeEmbeddings: [Float]
    let embeddingNormGamma: [Float]
    let embeddingNormBeta: [Float]
    let layers: [Layer]

    init(file: SafetensorsFile, config c: BertConfig) throws(SafetensorsError) {
        let h = c.hiddenSize
        // Some exports prefix every name with "bert."; accept both.
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func t(_ name: String, _ shape: [Int]) throws(SafetensorsError) -> [Float] {
            try file.floats(prefix + name, expectedShape: shape)
        }
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbeddings = try t("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNormGamma = try t("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try t("embeddings.LayerNorm.bias", [h])
        var layers: [Layer] = []
        for l in 0..<c.layerCount {
            let p = "encoder.layer.\(l)."
            let qkvWeight = try t(p + "attention.self.query.weight", [h, h])
                + t(p + "attention.self.key.weight", [h, h])
                + t(p + "attention.self.value.weight", [h, h])
            let qkvBias = try t(p + "attention.self.query.bias", [h])
                + t(p + "attention.self.key.bias", [h])
                + t(p + "attention.self.value.bias", [h])
            layers.append(Layer(
                qkv: PackedMatrix(weight: qkvWeight, bias: qkvBias, outputs: 3 * h, inputs: h),
                attentionOutput: PackedMatrix(weight: try t(p + "attention.output.dense.weight", [h, h]),
                                              bias: try t(p + "attention.output.dense.bias", [h]), outputs: h, inputs: h),
                attentionNormGamma: try t(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try t(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: PackedMatrix(weight: try t(p + "intermediate.dense.weight", [c.intermediateSize, h]),
                                           bias: try t(p + "intermediate.dense.bias", [c.intermediateSize]),
                                           outputs: c.intermediateSize, inputs: h),
                output: PackedMatrix(weight: try t(p + "output.dense.weight", [h, c.intermediateSize]),
                                     bias: try t(p + "output.dense.bias", [h]), outputs: h, inputs: c.intermediateSize),
                outputNormGamma: try t(p + "output.LayerNorm.weight", [h]),
                outputNormBeta: try t(p + "output.LayerNorm.bias", [h])))
        }
        self.layers = layers
    }
}
