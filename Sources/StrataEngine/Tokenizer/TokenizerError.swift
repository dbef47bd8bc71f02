/// Why a tokenizer could not be built from a model's metadata.
public enum TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedModel(String)
    case inconsistentVocabulary(String)

    public var description: String {
        switch self {
        case let .unsupportedModel(m): "tokenizer.ggml.model \"\(m)\" is not supported (supported: gpt2, llama)"
        case let .inconsistentVocabulary(why): "tokenizer vocabulary is inconsistent: \(why)"
        }
    }
}
