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

    /// The hosted providers over one HTTP client.
    public static func hosted(client: UpstreamClient, time: any TimeSource) -> ProviderSet {
        let openAI = OpenAIProvider(client: client)
        let anthropic = AnthropicProvider(client: client, time: time)
        let gemini = GeminiProvider(client: client, time: time)
        return ProviderSet(
            chat: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI, .anthropic: anthropic, .gemini: gemini],
            embeddings: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI],
            probes: [.openai: openAI, .openaiCompatible: openAI, .azure: openAI, .anthropic: anthropic, .gemini: gemini])
    }
}
