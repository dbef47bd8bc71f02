import StrataCore

/// Translates OpenAI-shaped requests into Gemini `generateContent` bodies and Gemini
/// responses (whole or streamed) back into OpenAI's shape.
public enum GeminiTranslator {
    public static func request(_ request: ChatCompletionRequest) -> GeminiRequest {
        var system: [GeminiPart] = []
        var contents: [GeminiContent] = []
        var toolNames: [String: String] = [:]

        func append(role: String, parts: [GeminiPart]) {
            guard !parts.isEmpty else { return }
            if let last = contents.last, last.role == role {
                contents[contents.count - 1].parts += parts
            } else {
                contents.append(GeminiContent(role: role, parts: parts))
            }
        }

        for message in request.messages {
            switch message.role {
            case "system", "developer":
                system.append(GeminiPart(text: message.content?.plainText ?? ""))
            case "assistant":
                var parts: [GeminiPart] = []
                if let text = message.content?.plainText, !text.isEmpty { parts.append(GeminiPart(text: text)) }
                for call in message.toolCalls ?? [] {
                    toolNames[call.id] = call.function.name
                    parts.append(GeminiPart(functionCall: .init(
                        id: call.id, name: call.function.name,
                        args: JSONValue.parse(call.function.arguments) ?? .object([:]))))
                }
                append(role: "model", parts: parts)
            case "tool":
                let id = message.toolCallID ?? ""
                let text = message.content?.plainText ?? ""
                let response: JSONValue = JSONValue.parse(text).flatMap { $0.objectValue != nil ? $0 : nil }
                    ?? ["result": .string(text)]
                append(role: "user", parts: [GeminiPart(functionResponse: .init(
                    id: id.isEmpty ? nil : id, name: toolNames[id] ?? message.name ?? "tool", response: response))])
            default:
                append(role: "user", parts: userParts(message.content))
            }
        }

        var config = GeminiRequest.GenerationConfig()
        config.temperature = request.temperature
        config.topP = request.topP
        config.maxOutputTokens = request.outputTokenLimit
        config.stopSequences = request.stop?.values
        config.candidateCount = request.n
        config.seed = request.seed
        config.presencePenalty = request.presencePenalty
        config.frequencyPenalty = request.frequencyPenalty
        if let format = request.responseFormat, format.type != "text" {
            config.responseMimeType = "application/json"
            config.responseJsonSchema = format.jsonSchema?.schema
        }

        var result = GeminiRequest(contents: contents)
        result.systemInstruction = system.isEmpty ? nil : GeminiContent(role: nil, parts: system)
        result.generationConfig = config
        if let tools = request.tools, !tools.isEmpty {
            result.tools = [.init(functionDeclarations: tools.map { tool in
                .init(name: tool.function.name, description: tool.function.description,
                      parametersJsonSchema: tool.function.parameters)
            })]
        }
        switch request.toolChoice {
        case .string("required"): result.toolConfig = .init(functionCallingConfig: .init(mode: "ANY"))
        case .string("none"): result.toolConfig = .init(functionCallingConfig: .init(mode: "NONE"))
        case .object(let object):
            if let name = object["function"]?["name"]?.stringValue {
                result.toolConfig = .init(functionCallingConfig: .init(mode: "ANY", allowedFunctionNames: [name]))
            }
        default: break
        }
        return result
    }

    static func userParts(_ content: MessageContent?) -> [GeminiPart] {
        switch content {
        case .none: return []
        case .text(let text): return [GeminiPart(text: text)]
        case .parts(let parts):
            return parts.compactMap { part in
                if let text = part.text { return GeminiPart(text: text) }
                guard let url = part.imageURL?.url else { return nil }
                if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
                    let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
                    let mime = header.split(separator: ";").first.map(String.init) ?? "image/png"
                    return GeminiPart(inlineData: .init(mimeType: mime, data: String(url[url.index(after: comma)...])))
                }
                return GeminiPart(fileData: .init(mimeType: nil, fileUri: url))
            }
        }
    }

    public static func finishReason(_ reason: String?, hasToolCalls: Bool) -> String? {
        if hasToolCalls { return "tool_calls" }
        switch reason {
        case "STOP": return "stop"
        case "MAX_TOKENS": return "length"
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII": return "content_filter"
        case .none: return nil
        default: return "stop"
        }
    }

    /// Text, reasoning and tool calls of one candidate.
    static func split(_ content: GeminiContent?) -> (text: String, reasoning: String, calls: [ToolCall]) {
        var text = ""
        var reasoning = ""
        var calls: [ToolCall] = []
        for part in content?.parts ?? [] {
            if let call = part.functionCall {
                calls.append(ToolCall(id: call.id ?? Identifier.make(prefix: "call_"), name: call.name,
                                      arguments: (call.args ?? .object([:])).jsonString()))
            } else if let value = part.text {
                if part.thought == true { reasoning += value } else { text += value }
            }
        }
        return (text, reasoning, calls)
    }

    public static func response(_ response: GeminiResponse, model: String, created: Int) -> ChatCompletionResponse {
        let choices = (response.candidates ?? []).enumerated().map { offset, candidate in
            let (text, reasoning, calls) = split(candidate.content)
            var message = ChatMessage(role: "assistant", content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
                                      toolCalls: calls.isEmpty ? nil : calls)
            if !reasoning.isEmpty { message.reasoningContent = reasoning }
            return ChatCompletionResponse.Choice(
                index: candidate.index ?? offset, message: message,
                finishReason: finishReason(candidate.finishReason, hasToolCalls: !calls.isEmpty))
        }
        return ChatCompletionResponse(
            id: response.responseId.map { "chatcmpl-\($0)" } ?? Identifier.make(prefix: "chatcmpl-"),
            created: created, model: model, choices: choices, usage: usage(response.usageMetadata))
    }

    static func usage(_ metadata: GeminiResponse.UsageMetadata?) -> Usage {
        Usage(promptTokens: metadata?.promptTokenCount ?? 0,
              completionTokens: (metadata?.candidatesTokenCount ?? 0) + (metadata?.thoughtsTokenCount ?? 0))
    }
}

/// Turns streamed Gemini responses into OpenAI chunks; tool calls arrive whole, so each
/// becomes one delta with its full arguments.
public struct GeminiStreamDecoder: Sendable {
    let model: String
    let created: Int
    let id = Identifier.make(prefix: "chatcmpl-")
    var sentRole = false
    var toolCount = 0
    var lastUsage: GeminiResponse.UsageMetadata?

    public init(model: String, created: Int) {
        self.model = model
        self.created = created
    }

    public mutating func chunks(for response: GeminiResponse) -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        if let usage = response.usageMetadata { lastUsage = usage }
        for candidate in response.candidates ?? [] {
            let index = candidate.index ?? 0
            var delta = ChatCompletionChunk.Delta()
            if !sentRole {
                delta.role = "assistant"
                sentRole = true
            }
            let (text, reasoning, calls) = GeminiTranslator.split(candidate.content)
            if !text.isEmpty { delta.content = text }
            if !reasoning.isEmpty { delta.reasoningContent = reasoning }
            if !calls.isEmpty {
                delta.toolCalls = calls.map { call in
                    defer { toolCount += 1 }
                    return .init(index: toolCount, id: call.id, name: call.function.name, arguments: call.function.arguments)
                }
            }
            let finish = candidate.finishReason.flatMap {
                GeminiTranslator.finishReason($0, hasToolCalls: toolCount > 0)
            }
            chunks.append(ChatCompletionChunk(id: id, created: created, model: model,
                                              choices: [.init(index: index, delta: delta, finishReason: finish)]))
        }
        return chunks
    }

    public func usageChunk() -> ChatCompletionChunk {
        ChatCompletionChunk(id: id, created: created, model: model, choices: [], usage: GeminiTranslator.usage(lastUsage))
    }
}
