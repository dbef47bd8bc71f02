import StrataCore
import StrataProviders

/// The request path for legacy `/v1/completions`: each prompt goes through the chat pipeline
/// as a raw-prompt request (so routing, fallbacks and traces are the same), answers come back
/// in the completion shape.
public struct CompletionPipeline: Sendable {
    let chat: ChatPipeline

    public init(chat: ChatPipeline) {
        self.chat = chat
    }

    /// A whole response or a stream of completion chunks.
    public enum Outcome: Sendable {
        case response(CompletionResponse)
        case stream(AsyncThrowingStream<CompletionResponse, any Error>)
    }

    public func complete(_ request: CompletionRequest, context: CallContext) async throws -> Outcome {
        let prompts = request.prompt.values
        if prompts.isEmpty { throw StrataError.invalidField("prompt", "'prompt' must not be empty.") }
        if request.stream == true {
            guard prompts.count == 1 else {
                throw StrataError.invalidField("prompt", "Streaming supports one prompt per request.")
            }
            let outcome = try await chat.chat(TextCompletionBridge.chatRequest(request, prompt: prompts[0]), context: context)
            guard case .stream(let chunks, _) = outcome else { throw StrataError.internalError("expected a stream") }
            return .stream(AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await chunk in chunks { continuation.yield(TextCompletionBridge.completionChunk(chunk)) }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            })
        }
        var combined: CompletionResponse?
        for (offset, prompt) in prompts.enumerated() {
            var subContext = context
            if offset > 0 { subContext.traceID = "\(context.traceID)-\(offset)" }
            let outcome = try await chat.chat(TextCompletionBridge.chatRequest(request, prompt: prompt), context: subContext)
            guard case .response(let response, _, _) = outcome else { throw StrataError.internalError("expected a response") }
            var part = TextCompletionBridge.completionResponse(response, prompt: prompt, echo: request.echo ?? false)
            let perPrompt = request.n ?? 1
            for index in part.choices.indices { part.choices[index].index += offset * perPrompt }
            if var total = combined {
                total.choices += part.choices
                let prompt = (total.usage?.promptTokens ?? 0) + (part.usage?.promptTokens ?? 0)
                let completion = (total.usage?.completionTokens ?? 0) + (part.usage?.completionTokens ?? 0)
                total.usage = Usage(promptTokens: prompt, completionTokens: completion)
                combined = total
            } else {
                combined = part
            }
        }
        guard var response = combined else { throw StrataError.internalError("no completion") }
        response.model = request.model
        return .response(response)
    }
}
