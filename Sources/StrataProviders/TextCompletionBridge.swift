import StrataCore

/// Moves `/v1/completions` requests through the chat pipeline and back: a completion request
/// becomes a chat request carrying `rawPrompt`, and chat answers become completion answers.
public enum TextCompletionBridge {
    public static func chatRequest(_ request: CompletionRequest, prompt: String) -> ChatCompletionRequest {
        var chat = ChatCompletionRequest(model: request.model, messages: [.text("user", prompt)], stream: request.stream)
        chat.rawPrompt = prompt
        chat.maxTokens = request.maxTokens ?? 16
        chat.temperature = request.temperature
        chat.topP = request.topP
        chat.n = request.n
        chat.stop = request.stop
        chat.seed = request.seed
        chat.user = request.user
        chat.presencePenalty = request.presencePenalty
        chat.frequencyPenalty = request.frequencyPenalty
        chat.streamOptions = request.stream == true ? request.streamOptions : nil
        if let logprobs = request.logprobs {
            chat.logprobs = true
            chat.topLogprobs = logprobs
        }
        return chat
    }

    public static func completionResponse(_ response: ChatCompletionResponse, prompt: String, echo: Bool) -> CompletionResponse {
        CompletionResponse(
            id: response.id.replacingOccurrences(of: "chatcmpl-", with: "cmpl-"), created: response.created,
            model: response.model,
            choices: response.choices.map { choice in
                let text = choice.message.content?.plainText ?? ""
                return .init(index: choice.index, text: echo ? prompt + text : text, finishReason: choice.finishReason)
            },
            usage: response.usage)
    }

    public static func completionChunk(_ chunk: ChatCompletionChunk) -> CompletionResponse {
        CompletionResponse(
            id: chunk.id.replacingOccurrences(of: "chatcmpl-", with: "cmpl-"), created: chunk.created, model: chunk.model,
            choices: chunk.choices.map { .init(index: $0.index, text: $0.delta.content ?? "", finishReason: $0.finishReason) },
            usage: chunk.usage)
    }

    /// The body for an OpenAI-compatible upstream's own `/v1/completions`.
    static func upstreamBody(_ request: ChatCompletionRequest, prompt: String, model: String, stream: Bool) -> CompletionRequest {
        var body = CompletionRequest(model: model, prompt: .init([prompt]))
        body.maxTokens = request.outputTokenLimit
        body.temperature = request.temperature
        body.topP = request.topP
        body.n = request.n
        body.stop = request.stop
        body.seed = request.seed
        body.user = request.user
        body.presencePenalty = request.presencePenalty
        body.frequencyPenalty = request.frequencyPenalty
        body.logprobs = request.topLogprobs
        if stream {
            body.stream = true
            body.streamOptions = StreamOptions(includeUsage: true)
        }
        return body
    }

    static func chatResponse(_ response: CompletionResponse) -> ChatCompletionResponse {
        ChatCompletionResponse(
            id: response.id, created: response.created, model: response.model,
            choices: response.choices.map { .init(index: $0.index, message: .text("assistant", $0.text), finishReason: $0.finishReason) },
            usage: response.usage)
    }

    static func chatChunk(_ chunk: CompletionResponse) -> ChatCompletionChunk {
        ChatCompletionChunk(
            id: chunk.id, created: chunk.created, model: chunk.model,
            choices: chunk.choices.map { .init(index: $0.index, delta: .init(content: $0.text), finishReason: $0.finishReason) },
            usage: chunk.usage)
    }
}
