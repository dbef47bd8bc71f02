import Foundation
import StrataCore

/// Translates OpenAI-shaped chat requests into Anthropic Messages requests, and Anthropic
/// responses back into OpenAI's shape (for calling Anthropic upstreams).
public enum OpenAIToAnthropic {
    static let defaultMaxTokens = 4096

    public static func request(_ request: ChatCompletionRequest, model: String) -> AnthropicRequest {
        var systemParts: [String] = []
        var messages: [AnthropicMessage] = []

        func append(role: String, blocks: [AnthropicBlock]) {
            guard !blocks.isEmpty else { return }
            // Anthropic wants user and assistant turns to alternate: merge neighbours of one role.
            if let last = messages.last, last.role == role {
                messages[messages.count - 1].content = .blocks(last.content.blocks + blocks)
            } else {
                messages.append(AnthropicMessage(role: role, content: .blocks(blocks)))
            }
        }

        for message in request.messages {
            switch message.role {
            case "system", "developer":
                systemParts.append(message.content?.plainText ?? "")
            case "assistant":
                var blocks: [AnthropicBlock] = []
                let text = message.content?.plainText ?? ""
                if !text.isEmpty { blocks.append(AnthropicBlock(text: text)) }
                for call in message.toolCalls ?? [] {
                    let input = JSONValue.parse(call.function.arguments) ?? .object([:])
                    blocks.append(.toolUse(id: call.id, name: call.function.name, input: input))
                }
                append(role: "assistant", blocks: blocks)
            case "tool":
                append(role: "user", blocks: [.toolResult(toolUseID: message.toolCallID ?? "",
                                                          content: message.content?.plainText ?? "")])
            default:
                append(role: "user", blocks: userBlocks(message.content))
            }
        }

        if let format = request.responseFormat, format.type != "text" {
            var instruction = "Respond with a single valid JSON value and nothing else."
            if let schema = format.jsonSchema?.schema {
                instruction += " It must validate against this JSON schema: \(schema.jsonString())"
            }
            systemParts.append(instruction)
        }

        var result = AnthropicRequest(model: model, messages: messages,
                                      maxTokens: request.outputTokenLimit ?? defaultMaxTokens)
        let system = systemParts.filter { !$0.isEmpty }.joined(separator: "\n\n")
        result.system = system.isEmpty ? nil : .text(system)
        result.stopSequences = request.stop?.values
        result.temperature = request.temperature.map { min($0, 1) }
        result.topP = request.topP
        result.tools = request.tools?.map { tool in
            AnthropicTool(name: tool.function.name, description: tool.function.description,
                          inputSchema: tool.function.parameters ?? ["type": "object", "properties": [:]])
        }
        result.toolChoice = toolChoice(request.toolChoice, parallel: request.parallelToolCalls)
        if let user = request.user {
            result.metadata = AnthropicRequest.Metadata(userID: user)
        }
        return result
    }

    static func userBlocks(_ content: MessageContent?) -> [AnthropicBlock] {
        switch content {
        case .none: return []
        case .text(let text): return [AnthropicBlock(text: text)]
        case .parts(let parts):
            return parts.compactMap { part in
                if let text = part.text { return AnthropicBlock(text: text) }
                guard let url = part.imageURL?.url else { return nil }
                var block = AnthropicBlock(type: "image")
                if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
                    let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
                    let mediaType = header.split(separator: ";").first.map(String.init) ?? "image/png"
                    block.source = .init(type: "base64", mediaType: mediaType, data: String(url[url.index(after: comma)...]))
                } else {
                    block.source = .init(type: "url", url: url)
                }
                return block
            }
        }
    }

    static func toolChoice(_ choice: JSONValue?, parallel: Bool?) -> AnthropicToolChoice? {
        let disableParallel = parallel == false ? true : nil
        switch choice {
        case .string("auto"): return AnthropicToolChoice(type: "auto", disableParallelToolUse: disableParallel)
        case .string("required"): return AnthropicToolChoice(type: "any", disableParallelToolUse: disableParallel)
        case .string("none"): return AnthropicToolChoice(type: "none")
        case .object(let object):
            if let name = object["function"]?["name"]?.stringValue {
                return AnthropicToolChoice(type: "tool", name: name, disableParallelToolUse: disableParallel)
            }
            return nil
        default:
            return disableParallel == nil ? nil : AnthropicToolChoice(type: "auto", disableParallelToolUse: true)
        }
    }

    public static func response(_ response: AnthropicResponse, model: String, created: Int) -> ChatCompletionResponse {
        var text = ""
        var reasoning = ""
        var calls: [ToolCall] = []
        for block in response.content {
            switch block.type {
            case "text": text += block.text ?? ""
            case "thinking": reasoning += block.thinking ?? ""
            case "tool_use":
                calls.append(ToolCall(id: block.id ?? Identifier.make(prefix: "call_"), name: block.name ?? "",
                                      arguments: (block.input ?? .object([:])).jsonString()))
            default: break
            }
        }
        var message = ChatMessage(role: "assistant", content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
                                  toolCalls: calls.isEmpty ? nil : calls)
        if !reasoning.isEmpty { message.reasoningContent = reasoning }
        let usage = Usage(promptTokens: response.usage.inputTokens ?? 0, completionTokens: response.usage.outputTokens ?? 0)
        return ChatCompletionResponse(
            id: response.id, created: created, model: model,
            choices: [.init(index: 0, message: message, finishReason: finishReason(response.stopReason))], usage: usage)
    }

    public static func finishReason(_ stopReason: String?) -> String? {
        switch stopReason {
        case "end_turn", "stop_sequence", "pause_turn": return "stop"
        case "max_tokens": return "length"
        case "tool_use": return "tool_calls"
        case "refusal": return "content_filter"
        case .none: return nil
        case .some(let other): return other
        }
    }
}
