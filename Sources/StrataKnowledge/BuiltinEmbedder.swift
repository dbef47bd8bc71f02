import StrataRetrieval

/// The bundled sentence embedder (all-MiniLM-L6-v2 in Swift) as a collection's embedder;
/// it counts tokens with its own WordPiece tokenizer, so chunks fit its input exactly.
public struct BuiltinEmbedder: Embedder {
    public let name: String
    let model: SentenceEmbedder

    public init(name: String, model: SentenceEmbedder) {
        self.name = name
        self.model = model
    }

    public var maxInputTokens: Int { model.maxTokens }

    public func tokenCount(_ text: String) -> Int { model.tokenCount(text) }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try await model.embedOnDedicatedThread(texts)
    }
}
