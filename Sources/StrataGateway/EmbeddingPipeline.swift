import StrataCore
import StrataProviders
import StrataStore

/// The request path for `/v1/embeddings`: validate, authorize, route with retries and
/// fallbacks, record.
public struct EmbeddingPipeline: Sendable {
    let chat: ChatPipeline

    public init(chat: ChatPipeline) {
        self.chat = chat
    }

    public func embed(_ request: EmbeddingRequest, context: CallContext) async throws -> EmbeddingResponse {
        var trace = TraceRecord(id: context.traceID, createdAt: context.startedAt, endpoint: context.endpoint,
                                modelRequested: request.model)
        trace.keyID = context.key?.id
        trace.keyName = context.key?.name
        trace.user = request.user
        do {
            if request.model.isEmpty { throw StrataError.invalidField("model", "'model' must not be empty.") }
            if request.input.count == 0 { throw StrataError.invalidField("input", "'input' must not be empty.") }
            if request.input.count > 2048 { throw StrataError.invalidField("input", "At most 2048 inputs per request.") }
            if let format = request.encodingFormat, format != "float", format != "base64" {
                throw StrataError.invalidField("encoding_format", "encoding_format must be 'float' or 'base64'.")
            }
            if let key = context.key, !key.allows(model: request.model) { throw StrataError.modelNotAllowed(request.model) }
            let router = chat.router
            let estimate = request.input.texts.reduce(0) { $0 + TokenEstimator.estimate($1) }
            let routed = try await router.run(model: request.model, estimatedPromptTokens: estimate) { deployment in
                try await router.embeddingProvider(for: deployment).embed(request, on: deployment)
            }
            var response = routed.value
            response.model = request.model
            trace.modelUsed = routed.model
            trace.deployment = routed.deployment.id
            trace.provider = routed.deployment.kind.rawValue
            trace.attempts = routed.attempts
            trace.promptTokens = response.usage.promptTokens
            let price = router.prices.price(of: routed.deployment)
            trace.cost = price?.cost(promptTokens: trace.promptTokens, completionTokens: 0) ?? 0
            trace.responseBody = "{\"embeddings\":\(response.data.count),\"dimensions\":\(response.data.first?.embedding.count ?? 0)}"
            await chat.finish(trace)
            return response
        } catch let failure as ChatRouter.Failure {
            trace.attempts = failure.attempts
            await chat.fail(trace, with: failure.error)
            throw failure.error
        } catch let error as StrataError {
            await chat.fail(trace, with: error)
            throw error
        }
    }
}
