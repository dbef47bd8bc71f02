/// Why the sentence embedder could not be loaded; says which file is at fault and how to fix it.
public enum EmbedderError: Error, Equatable, Sendable, CustomStringConvertible {
    case modelDirectoryNotFound(path: String)
    case missingFile(path: String)
    case invalidConfig(path: String, reason: String)
    case unsupportedModel(reason: String)
    case weights(SafetensorsError)
    case tokenizer(TokenizerError)

    public var description: String {
        switch self {
        case .modelDirectoryNotFound(let path):
            "embedding model directory not found: \(path) (run scripts/fetch-models.sh)"
        case .missingFile(let path): "embedding model file missing: \(path) (run scripts/fetch-models.sh)"
        case .invalidConfig(let path, let reason): "invalid model config \(path): \(reason)"
        case .unsupportedModel(let reason): "unsupported embedding model: \(reason)"
        case .weights(let error): "embedding weights: \(error)"
        case .tokenizer(let error): "embedding tokenizer: \(error)"
        }
    }
}
