import StrataCore

/// Turns Anthropic stream events into OpenAI chunks, one event at a time. Tool-use blocks
/// become tool-call deltas numbered in order; usage arrives in a final chunk.
public struct AnthropicStreamDecoder: Sendable {
    let model: String
    let created: Int
    var id = Identifier.make(prefix: "chatcmpl-")
    var inputTokens = 0
    var outputTokens = 0
    var finishReason: String?
    /// Anthropic content-block index → OpenAI tool-call index.
    var toolIndexByBlock: [Int: Int] = [:]

    public init(model: String, created: Int) {
        self.model = model
        self.created = created
    }

    /// Chunks for one event; throws on an `error` event.
    public mutating func chunks(for event: AnthropicStreamEvent, provider: String) throws -> [ChatCompletionChunk] {
        switch event.type {
        case "message_start":
            if let message = event.message {
                id = message.id
                inputTokens = message.usage.inputTokens ?? 0
                outputTokens = message.usage.outputTokens ?? 0
            }
            return [chunk(.init(role: "assistant", content: ""))]
        case "content_block_start":
            guard let block = event.contentBlock, block.type == "tool_use", let index = event.index else { return [] }
            let toolIndex = toolIndexByBlock.count
            toolIndexByBlock[index] = toolIndex
            return [chunk(.init(toolCalls: [.init(index: toolIndex, id: block.id, name: block.name, arguments: "")]))]
        case "content_block_delta":
            guard let delta = event.delta else { return [] }
            switch delta.type {
            case "text_delta":
                return [chunk(.init(content: delta.text ?? ""))]
            case "input_json_delta":
                guard let index = event.index, let toolIndex = toolIndexByBlock[index] else { return [] }
                return [chunk(.init(toolCalls: [.init(index: toolIndex, arguments: delta.partialJSON ?? "")]))]
            case "thinking_delta":
                var thinking = ChatCompletionChunk.Delta()
                thinking.reasoningContent = delta.thinking
                return [chunk(thinking)]
            default:
                return []
            }
        case "message_delta":
            if let output = event.usage?.outputTokens { outputTokens = output }
            if let input = event.usage?.inputTokens { inputTokens = input }
            finishReason = OpenAIToAnthropic.finishReason(event.delta?.stopReason)
            return [chunk(.init(), finishReason: finishReason ?? "stop")]
        case "message_stop":
            return [ChatCompletionChunk(id: id, created: created, model: model, choices: [],
                                        usage: Usage(promptTokens: inputTokens, completionTokens: outputTokens))]
        case "error":
            let message = event.error.map { "\($0.type): \($0.message)" } ?? "unknown stream error"
            let kind: ProviderError.Kind = event.error?.type == "overloaded_error" ? .serverError : .streamInterrupted
            throw ProviderError(kind: kind, provider: provider, message: message)
        default:
            return []
        }
    }

    func chunk(_ delta: ChatCompletionChunk.Delta, finishReason: String? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(id: id, created: created, model: model,
                            choices: [.init(index: 0, delta: delta, finishReason: finishReason)])
    }
}
