import StrataCore

/// Translates requests arriving on Strata's Anthropic-compatible `/v1/messages` into the
/// OpenAI shape the gateway routes, and the answers back into Anthropic's shape.
public enum AnthropicToOpenAI {
    public static func request(_ request: AnthropicRequest) -> ChatCompletionRequest {
        var messages: [ChatMessage] = []
        if let system = request.system {
            messages.append(.text("system", system.plainText))
        }
        for message in request.messages {
            if message.role == "assistant" {
                var text = ""
                var calls: [ToolCall] = []
                for block in message.content.blocks {
                    if block.type == "text" { text += block.text ?? "" }
                    if block.type == "tool_use" {
                        calls.append(ToolCall(id: block.id ?? Identifier.make(prefix: "toolu_"), name: block.name ?? "",
                                              arguments: (block.input ?? .object([:])).jsonString()))
                    }
                }
                messages.append(ChatMessage(role: "assistant", content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
                                            toolCalls: calls.isEmpty ? nil : calls))
                continue
            }
            var parts: [ContentPart] = []
            func flushParts() {
                guard !parts.isEmpty else { return }
                if parts.allSatisfy({ $0.imageURL == nil }) {
                    messages.append(.text("user", parts.compactMap(\.text).joined(separator: "\n")))
                } else {
                    messages.append(ChatMessage(role: "user", content: .parts(parts)))
                }
                parts.removeAll()
            }
            for block in message.content.blocks {
                switch block.type {
                case "tool_result":
                    flushParts()
                    messages.append(ChatMessage(role: "tool", content: .text(block.content?.plainText ?? ""),
                                                toolCallID: block.toolUseID))
                case "image":
                    if let source = block.source {
                        if source.type == "base64", let data = source.data {
                            parts.append(ContentPart(imageURL: "data:\(source.mediaType ?? "image/png");base64,\(data)"))
                        } else if let url = source.url {
                            parts.append(ContentPart(imageURL: url))
                        }
                    }
                default:
                    if let text = block.text { parts.append(ContentPart(text: text)) }
                }
            }
            flushParts()
        }
        var result = ChatCompletionRequest(model: request.model, messages: messages, stream: request.stream)
        result.maxTokens = request.maxTokens
        result.temperature = request.temperature
        result.topP = request.topP
        result.stop = request.stopSequences.map(StopSequences.init)
        result.user = request.metadata?.userID
        result.tools = request.tools?.map { tool in
            ToolDefinition(function: .init(name: tool.name, description: tool.description, parameters: tool.inputSchema))
        }
        if let choice = request.toolChoice {
            switch choice.type {
            case "any": result.toolChoice = "required"
            case "none": result.toolChoice = "none"
            case "tool": result.toolChoice = ["type": "function", "function": ["name": .string(choice.name ?? "")]]
            default: result.toolChoice = "auto"
            }
            if choice.disableParallelToolUse == true { result.parallelToolCalls = false }
        }
        if request.stream == true { result.streamOptions = StreamOptions(includeUsage: true) }
        return result
    }

    public static func response(_ response: ChatCompletionResponse) -> AnthropicResponse {
        let choice = response.choices.first
        var blocks: [AnthropicBlock] = []
        if let text = choice?.message.content?.plainText, !text.isEmpty {
            blocks.append(AnthropicBlock(text: text))
        }
        for call in choice?.message.toolCalls ?? [] {
            blocks.append(.toolUse(id: call.id, name: call.function.name,
                                   input: JSONValue.parse(call.function.arguments) ?? .object([:])))
        }
        return AnthropicResponse(
            id: anthropicID(response.id), model: response.model, content: blocks,
            stopReason: stopReason(choice?.finishReason),
            usage: AnthropicUsage(inputTokens: response.usage?.promptTokens ?? 0,
                                  outputTokens: response.usage?.completionTokens ?? 0))
    }

    public static func stopReason(_ finishReason: String?) -> String? {
        switch finishReason {
        case "stop": return "end_turn"
        case "length": return "max_tokens"
        case "tool_calls", "function_call": return "tool_use"
        case "content_filter": return "refusal"
        case .none: return nil
        case .some: return "end_turn"
        }
    }

    static func anthropicID(_ id: String) -> String {
        id.hasPrefix("msg_") ? id : "msg_" + id.replacingOccurrences(of: "chatcmpl-", with: "")
    }
}

/// Turns the gateway's OpenAI chunks into Anthropic stream events, keeping the block
/// structure Anthropic clients expect (start, deltas, stop per block; message delta; stop).
public struct MessagesStreamEncoder: Sendable {
    var started = false
    var openBlock: (index: Int, isTool: Bool, toolIndex: Int)?
    var nextBlock = 0
    var stopReason: String?
    var usage = Usage(promptTokens: 0, completionTokens: 0)
    let model: String

    public init(model: String) {
        self.model = model
    }

    public mutating func events(for chunk: ChatCompletionChunk) -> [AnthropicStreamEvent] {
        var events: [AnthropicStreamEvent] = []
        if !started {
            started = true
            var start = AnthropicStreamEvent(type: "message_start")
            start.message = AnthropicResponse(id: AnthropicToOpenAI.anthropicID(chunk.id), model: model, content: [],
                                              stopReason: nil, usage: AnthropicUsage(inputTokens: 0, outputTokens: 0))
            events.append(start)
        }
        if let chunkUsage = chunk.usage { usage = chunkUsage }
        for choice in chunk.choices where choice.index == 0 {
            if let text = choice.delta.content, !text.isEmpty {
                if openBlock?.isTool != false {
                    events += closeBlock()
                    var start = AnthropicStreamEvent(type: "content_block_start")
                    start.index = nextBlock
                    start.contentBlock = AnthropicBlock(text: "")
                    events.append(start)
                    openBlock = (nextBlock, false, -1)
                    nextBlock += 1
                }
                var delta = AnthropicStreamEvent(type: "content_block_delta")
                delta.index = openBlock?.index
                delta.delta = .init(type: "text_delta", text: text)
                events.append(delta)
            }
            for call in choice.delta.toolCalls ?? [] {
                if openBlock?.isTool != true || openBlock?.toolIndex != call.index {
                    events += closeBlock()
                    var start = AnthropicStreamEvent(type: "content_block_start")
                    start.index = nextBlock
                    start.contentBlock = .toolUse(id: call.id ?? Identifier.make(prefix: "toolu_"),
                                                  name: call.function?.name ?? "", input: .object([:]))
                    events.append(start)
                    openBlock = (nextBlock, true, call.index)
                    nextBlock += 1
                }
                if let arguments = call.function?.arguments, !arguments.isEmpty {
                    var delta = AnthropicStreamEvent(type: "content_block_delta")
                    delta.index = openBlock?.index
                    delta.delta = .init(type: "input_json_delta", partialJSON: arguments)
                    events.append(delta)
                }
            }
            if let finish = choice.finishReason {
                stopReason = AnthropicToOpenAI.stopReason(finish)
            }
        }
        return events
    }

    /// The closing events, once the upstream stream has ended.
    public mutating func finish() -> [AnthropicStreamEvent] {
        var events = closeBlock()
        var delta = AnthropicStreamEvent(type: "message_delta")
        delta.delta = .init(stopReason: stopReason ?? "end_turn")
        delta.usage = AnthropicUsage(inputTokens: usage.promptTokens, outputTokens: usage.completionTokens)
        events.append(delta)
        events.append(AnthropicStreamEvent(type: "message_stop"))
        return events
    }

    mutating func closeBlock() -> [AnthropicStreamEvent] {
        guard let block = openBlock else { return [] }
        openBlock = nil
        var stop = AnthropicStreamEvent(type: "content_block_stop")
        stop.index = block.index
        return [stop]
    }
}
