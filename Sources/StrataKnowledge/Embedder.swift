/// Turns texts into vectors for a collection: the built-in model or any embedding model the
/// gateway routes to. Implementations must return one vector per text, in order.
public protocol Embedder: Sendable {
    /// The model name, as collections record it.
    var name: String { get }
    /// Tokens in `text` as this model counts them; the chunker packs chunks to this budget.
    func tokenCount(_ text: String) -> Int
    /// The most tokens one input may have (longer inputs are truncated by the model).
    var maxInputTokens: Int { get }
    func embed(_ texts: [String]) async throws -> [[Float]]
}

/// Finds the embedder for a model name; nil when no such embedding model is configured.
public typealias EmbedderLookup = @Sendable (String) async throws -> (any Embedder)?
