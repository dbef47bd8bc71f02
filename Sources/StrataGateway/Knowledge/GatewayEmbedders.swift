import StrataCore
import StrataKnowledge
import StrataProviders

/// Collections embed with any embedding model in the config: the bundled local one runs in
/// process; hosted ones go through the embeddings pipeline (routing, retries, fallbacks,
/// and a trace with the cost of each batch).
public struct GatewayEmbedders: Sendable {
    let pipeline: EmbeddingPipeline
    let localModels: LocalModelCache
    let time: any TimeSource

    public init(pipeline: EmbeddingPipeline, localModels: LocalModelCache, time: any TimeSource) {
        self.pipeline = pipeline
        self.localModels = localModels
        self.time = time
    }

    public func lookup(_ name: String) async throws -> (any Embedder)? {
        let deployments = pipeline.chat.router.catalog.catalog.deployments(of: name)
        guard let first = deployments.first else { return nil }
        if first.kind == .local {
            guard let path = first.path, LocalModelCache.isEmbedderDirectory(path) else { return nil }
            return BuiltinEmbedder(name: name, model: try await localModels.embedder(at: path))
        }
        return RoutedEmbedder(name: name, pipeline: pipeline, time: time)
    }

    /// The first configured model that is the bundled embedder, for collections that name none.
    public var defaultEmbedder: String? {
        let catalog = pipeline.chat.router.catalog.catalog
        return catalog.modelNames.first { name in
            catalog.deployments(of: name).contains { $0.kind == .local && $0.path.map(LocalModelCache.isEmbedderDirectory) == true }
        }
    }
}

/// A hosted embedding model reached through the gateway.
struct RoutedEmbedder: Embedder {
    let name: String
    let pipeline: EmbeddingPipeline
    let time: any TimeSource

    /// Hosted embedders take about 8k tokens; chunks are sized with the estimate.
    var maxInputTokens: Int { 8191 }

    func tokenCount(_ text: String) -> Int { TokenEstimator.estimate(text) }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        let context = CallContext(internal: "knowledge.embed", startedAt: time.now())
        let response = try await pipeline.embed(EmbeddingRequest(model: name, input: texts), context: context)
        let ordered = response.data.sorted { $0.index < $1.index }.map(\.embedding)
        guard ordered.count == texts.count else {
            throw StrataError.upstream(status: 502, provider: name,
                                       message: "The embedding model returned \(ordered.count) vectors for \(texts.count) inputs.")
        }
        return ordered
    }
}
