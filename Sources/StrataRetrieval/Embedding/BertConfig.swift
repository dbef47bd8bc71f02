import Foundation

/// The hyper-parameters of a BERT encoder, read from HuggingFace's `config.json`.
public struct BertConfig: Sendable, Equatable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var vocabularySize: Int
    public var layerNormEpsilon: Float

    public var headSize: Int { hiddenSize / headCount }

    public init(path: String) throws(EmbedderError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missingFile(path: path) }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .invalidConfig(path: path, reason: "not a JSON object")
        }
        func int(_ key: String) throws(EmbedderError) -> Int {
            guard let n = (object[key] as? NSNumber)?.intValue, n > 0 else {
                throw .invalidConfig(path: path, reason: "\(key) missing or not a positive integer")
            }
            return n
        }
        hiddenSize = try int("hidden_size")
        layerCount = try int("num_hidden_layers")
        headCount = try int("num_attention_heads")
        intermediateSize = try int("intermediate_size")
        maxPositions = try int("max_position_embeddings")
        typeVocabularySize = try int("type_vocab_size")
        vocabularySize = try int("vocab_size")
        layerNormEpsilon = (object["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12
        guard hiddenSize % headCount == 0 else {
            throw .invalidConfig(path: path, reason: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(headCount)")
        }
        if let type = object["model_type"] as? String, type != "bert" {
            throw .unsupportedModel(reason: "model_type \(type) (only bert)")
        }
        if let act = object["hidden_act"] as? String, act != "gelu" {
            throw .unsupportedModel(reason: "hidden_act \(act) (only gelu)")
        }
        if let pos = object["position_embedding_type"] as? String, pos != "absolute" {
            throw .unsupportedModel(reason: "position_embedding_type \(pos) (only absolute)")
        }
    }
}
