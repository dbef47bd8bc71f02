import StrataCore
import StrataProviders

/// The provider for each kind of deployment.
public struct ProviderSet: Sendable {
    public var chat: [ProviderKind: any ChatProvider]
    public var embeddings: [ProviderKind: any EmbeddingProvider]
    public var probes: [ProviderKind: any HealthProbing]

    public init(chat: [ProviderKind: any ChatProvider], embeddings: [ProviderKind: any EmbeddingProvider] = [:],
                probes: [ProviderKind: any HealthProbing] = [:]) {
        self.chat = chat
        self.embeddings = embeddings
        self.probes = probes
    }

    /// The hosted providers over one HTTP client, and the local engine.
    public static func standard(client: UpstreamClient, local: LocalModelCache, time: any TimeSource) -> ProviderSet {
        let openAI = OpenAIProvider(client: client)
        let anthropic = AnthropicProvider(client: client, time: time)
        let gemini = GeminiProvider(client: client, time: time)
        let engine = LocalProvider(cache: local, time: time)
        return ProviderSet(
            chat: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI, .anthropic: anthropic, .gemini: gemini,
                   .local: engine],
            embeddings: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI, .local: engine],
            probes: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI, .anthropic: anthropic, .gemini: gemini])
    }
}
