/// Hyperparameters of a Llama-family model, read from `<arch>.*` GGUF metadata.
public struct LlamaConfig: Sendable, Equatable {
    /// How RoPE pairs dimensions: adjacent pairs (Llama GGUF conversions permute Q/K for
    /// this) or the two halves of each head (Qwen2, GPT-NeoX style).
    public enum RopeStyle: Sendable, Equatable { case adjacentPairs, halves }

    public var architecture: String
    public var dim: Int
    public var layers: Int
    public var hiddenDim: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDim: Int
    public var ropeDim: Int
    public var ropeBase: Float
    public var ropeStyle: RopeStyle
    public var rmsEpsilon: Float
    public var contextLength: Int
    public var vocabularySize: Int

    public var kvDim: Int { kvHeads * headDim }
    public var qDim: Int { heads * headDim }

    static let supportedArchitectures: Set<String> = ["llama", "mistral", "qwen2", "smollm", "granite"]

    public init(gguf: GGUFFile, vocabularySize: Int) throws(GGUFError) {
        let arch = try gguf.string("general.architecture")
        guard Self.supportedArchitectures.contains(arch) else { throw .unsupportedArchitecture(arch) }
        architecture = arch
        func positive(_ key: String) throws(GGUFError) -> Int {
            let v = try gguf.int("\(arch).\(key)")
            guard v > 0 && v < 1 << 24 else { throw .invalidHyperparameter(key: "\(arch).\(key)", value: "\(v)", reason: "must be in 1..<2^24") }
            return v
        }
        dim = try positive("embedding_length")
        layers = try positive("block_count")
        hiddenDim = try positive("feed_forward_length")
        heads = try positive("attention.head_count")
        kvHeads = gguf.metadata["\(arch).attention.head_count_kv"] != nil ? try positive("attention.head_count_kv") : heads
        guard dim % heads == 0 else {
            throw .invalidHyperparameter(key: "\(arch).attention.head_count", value: "\(heads)", reason: "does not divide embedding_length \(dim)")
        }
        guard heads % kvHeads == 0 else {
            throw .invalidHyperparameter(key: "\(arch).attention.head_count_kv", value: "\(kvHeads)", reason: "does not divide head_count \(heads)")
        }
        headDim = gguf.metadata["\(arch).attention.key_length"] != nil ? try positive("attention.key_length") : dim / heads
        guard headDim % 16 == 0 else {
            throw .invalidHyperparameter(key: "\(arch).attention.key_length", value: "\(headDim)", reason: "head size must be a multiple of 16 for this engine's attention kernels")
        }
        ropeDim = gguf.metadata["\(arch).rope.dimension_count"] != nil ? try positive("rope.dimension_count") : headDim
        guard ropeDim <= headDim, ropeDim % 2 == 0 else {
            throw .invalidHyperparameter(key: "\(arch).rope.dimension_count", value: "\(ropeDim)", reason: "must be even and at most the head size \(headDim)")
        }
        ropeBase = gguf.metadata["\(arch).rope.freq_base"] != nil ? try gguf.float("\(arch).rope.freq_base") : 10000
        rmsEpsilon = gguf.metadata["\(arch).attention.layer_norm_rms_epsilon"] != nil
            ? try gguf.float("\(arch).attention.layer_norm_rms_epsilon") : 1e-5
        contextLength = gguf.metadata["\(arch).context_length"] != nil ? try positive("context_length") : 2048
        ropeStyle = arch == "qwen2" ? .halves : .adjacentPairs
        self.vocabularySize = vocabularySize
    }
}
