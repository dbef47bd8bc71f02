import StrataCore

/// A stream of OpenAI-shaped chunks. Providers end it with one chunk whose `choices` is empty
/// and whose `usage` is set; the gateway strips that chunk when the client did not ask for usage.
public typealias ChunkStream = AsyncThrowingStream<ChatCompletionChunk, any Error>

/// An upstream that answers chat requests. Requests and responses are in OpenAI's shape;
/// each provider translates to and from its own wire format.
public protocol ChatProvider: Sendable {
    func complete(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChatCompletionResponse
    func stream(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChunkStream
}

/// An upstream that turns texts into vectors.
public protocol EmbeddingProvider: Sendable {
    func embed(_ request: EmbeddingRequest, on deployment: Deployment) async throws -> EmbeddingResponse
}

/// An upstream that can be probed for health.
public protocol HealthProbing: Sendable {
    func probe(_ deployment: Deployment) async throws
}
