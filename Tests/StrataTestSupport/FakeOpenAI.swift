import Foundation
import Hummingbird
import StrataCore

/// OpenAI's chat, completion and embedding responses, streamed the way OpenAI streams them.
struct FakeOpenAI {
    let reply: String
    /// What string arguments of tool calls say.
    var toolArgument = "Paris"
    let created = 1_700_000_000

    func chat(_ body: JSONValue, reset: Bool) -> Response {
        let model = body["model"]?.stringValue ?? "fake-model"
        let prompt = FakeReply.promptTokens(body)
        let calls = FakeReply.toolCalls(body, argument: toolArgument)
        let content = FakeReply.content(body, reply: reply)
        let completion = FakeReply.tokens(content) + calls.count * 8
        let id = "chatcmpl-fake\(prompt)"
        let finish = calls.isEmpty ? "stop" : "tool_calls"
        guard body["stream"]?.boolValue == true else {
            var message: [String: JSONValue] = ["role": "assistant", "content": calls.isEmpty ? .string(content) : .null,
                                                "refusal": .null]
            if !calls.isEmpty {
                message["tool_calls"] = .array(calls.enumerated().map { index, call in
                    ["id": .string("call_fake\(index)"), "type": "function",
                     "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                })
            }
            let response: JSONValue = [
                "id": .string(id), "object": "chat.completion", "created": .number(Double(created)), "model": .string(model),
                "choices": [["index": 0, "message": .object(message), "logprobs": .null, "finish_reason": .string(finish)]],
                "usage": usage(prompt, completion), "system_fingerprint": "fp_fake",
            ]
            return FakeSSE.json(response.jsonString())
        }
        let includeUsage = body["stream_options"]?["include_usage"]?.boolValue == true
        func chunk(_ delta: JSONValue, finish: String? = nil) -> String {
            var object: [String: JSONValue] = [
                "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)),
                "model": .string(model), "system_fingerprint": "fp_fake",
                "choices": [["index": 0, "delta": delta, "logprobs": .null, "finish_reason": finish.map { .string($0) } ?? .null]],
            ]
            if includeUsage { object["usage"] = .null }
            return "data: \(JSONValue.object(object).jsonString())\n\n"
        }
        var events = [chunk(["role": "assistant", "content": "", "refusal": .null])]
        if calls.isEmpty {
            for piece in FakeReply.pieces(content) { events.append(chunk(["content": .string(piece)])) }
        } else {
            for (index, call) in calls.enumerated() {
                events.append(chunk(["tool_calls": [["index": .number(Double(index)), "id": .string("call_fake\(index)"),
                                                     "type": "function",
                                                     "function": ["name": .string(call.name), "arguments": ""]]]]))
                for piece in FakeReply.fragments(call.arguments) {
                    events.append(chunk(["tool_calls": [["index": .number(Double(index)), "function": ["arguments": .string(piece)]]]]))
                }
            }
        }
        events.append(chunk([:], finish: finish))
        if includeUsage {
            let last: JSONValue = ["id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)),
                                   "model": .string(model), "system_fingerprint": "fp_fake", "choices": [],
                                   "usage": usage(prompt, completion)]
            events.append("data: \(last.jsonString())\n\n")
        }
        events.append("data: [DONE]\n\n")
        return FakeSSE.response(events: events, reset: reset)
    }

    func completion(_ body: JSONValue, reset: Bool) -> Response {
        let model = body["model"]?.stringValue ?? "fake-model"
        let prompt = FakeReply.tokens(body["prompt"]?.stringValue ?? "")
        let completion = FakeReply.tokens(reply)
        guard body["stream"]?.boolValue == true else {
            let response: JSONValue = [
                "id": "cmpl-fake", "object": "text_completion", "created": .number(Double(created)), "model": .string(model),
                "choices": [["index": 0, "text": .string(reply), "logprobs": .null, "finish_reason": "stop"]],
                "usage": usage(prompt, completion),
            ]
            return FakeSSE.json(response.jsonString())
        }
        var events: [String] = []
        let pieces = FakeReply.pieces(reply)
        for (index, piece) in pieces.enumerated() {
            let chunk: JSONValue = [
                "id": "cmpl-fake", "object": "text_completion", "created": .number(Double(created)), "model": .string(model),
                "choices": [["index": 0, "text": .string(piece), "logprobs": .null,
                             "finish_reason": index == pieces.count - 1 ? "stop" : .null]],
            ]
            events.append("data: \(chunk.jsonString())\n\n")
        }
        if body["stream_options"]?["include_usage"]?.boolValue == true {
            let last: JSONValue = ["id": "cmpl-fake", "object": "text_completion", "created": .number(Double(created)),
                                   "model": .string(model), "choices": [], "usage": usage(prompt, completion)]
            events.append("data: \(last.jsonString())\n\n")
        }
        events.append("data: [DONE]\n\n")
        return FakeSSE.response(events: events, reset: reset)
    }

    func embeddings(_ body: JSONValue) -> Response {
        let inputs: [String]
        switch body["input"] {
        case .string(let text): inputs = [text]
        case .array(let items): inputs = items.map { $0.stringValue ?? $0.jsonString() }
        default: inputs = []
        }
        let data: [JSONValue] = inputs.enumerated().map { index, text in
            ["object": "embedding", "index": .number(Double(index)),
             "embedding": .array(FakeReply.vector(text).map { .number(Double($0)) })]
        }
        let tokens = inputs.reduce(0) { $0 + FakeReply.tokens($1) }
        let response: JSONValue = ["object": "list", "data": .array(data), "model": .string(body["model"]?.stringValue ?? ""),
                                   "usage": ["prompt_tokens": .number(Double(tokens)), "total_tokens": .number(Double(tokens))]]
        return FakeSSE.json(response.jsonString())
    }

    func usage(_ prompt: Int, _ completion: Int) -> JSONValue {
        ["prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(completion)),
         "total_tokens": .number(Double(prompt + completion))]
    }
}

/// What every fake says: deterministic content, token counts, tool calls and JSON answers.
public enum FakeReply {
    public static func tokens(_ text: String) -> Int {
        max(1, text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
    }

    static func promptTokens(_ body: JSONValue) -> Int {
        var total = 0
        for message in body["messages"]?.arrayValue ?? body["contents"]?.arrayValue ?? [] {
            total += tokens(message.jsonString())
        }
        return max(1, total)
    }

    /// The text split into streaming pieces (a word and its following space each).
    static func pieces(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Tool-call argument text split into small fragments, as real upstreams stream them.
    static func fragments(_ text: String) -> [String] {
        var result: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 5, limitedBy: text.endIndex) ?? text.endIndex
            result.append(String(text[index..<end]))
            index = end
        }
        return result
    }

    /// The reply, or a JSON document satisfying the requested response format. A reply of
    /// `$echo` repeats the last user message, for tests that check what the upstream saw.
    static func content(_ body: JSONValue, reply: String) -> String {
        if reply == "$echo" {
            return body["messages"]?.arrayValue?.last { $0["role"] == "user" }?["content"]?.stringValue ?? ""
        }
        guard let format = body["response_format"], let type = format["type"]?.stringValue, type != "text" else {
            if let config = body["generationConfig"], config["responseMimeType"]?.stringValue == "application/json" {
                return example(config["responseJsonSchema"] ?? ["type": "object"], reply: reply).jsonString()
            }
            return reply
        }
        let schema = format["json_schema"]?["schema"] ?? ["type": "object", "properties": ["answer": ["type": "string"]]]
        return example(schema, reply: reply).jsonString()
    }

    /// A value that validates against a simple JSON schema.
    public static func example(_ schema: JSONValue, reply: String) -> JSONValue {
        if let values = schema["enum"]?.arrayValue, let first = values.first { return first }
        switch schema["type"]?.stringValue {
        case "object":
            var object: [String: JSONValue] = [:]
            for (name, property) in schema["properties"]?.objectValue ?? [:] {
                object[name] = example(property, reply: reply)
            }
            return .object(object)
        case "array": return .array([example(schema["items"] ?? ["type": "string"], reply: reply)])
        case "integer": return 42
        case "number": return 1.5
        case "boolean": return true
        case "null": return .null
        default: return .string(reply)
        }
    }

    /// Calls the model makes: the first tool (or two, for parallel calls) when the last turn is the user's.
    static func toolCalls(_ body: JSONValue, argument: String = "Paris") -> [(name: String, arguments: String)] {
        let tools = body["tools"]?.arrayValue ?? []
        guard !tools.isEmpty, body["tool_choice"]?.stringValue != "none" else { return [] }
        guard body["messages"]?.arrayValue?.last?["role"]?.stringValue == "user" else { return [] }
        let count = body["parallel_tool_calls"]?.boolValue == false ? 1 : min(2, tools.count)
        return tools.prefix(count).map { tool in
            let function = tool["function"] ?? tool
            let name = function["name"]?.stringValue ?? "tool"
            return (name, example(function["parameters"] ?? ["type": "object"], reply: argument).jsonString())
        }
    }

    /// A deterministic unit vector for a text (8 dimensions).
    public static func vector(_ text: String) -> [Float] {
        var values = [Float](repeating: 0, count: 8)
        for (index, byte) in text.utf8.enumerated() { values[index % 8] += Float(byte) }
        let norm = max(1e-6, values.reduce(0) { $0 + $1 * $1 }.squareRoot())
        return values.map { $0 / norm }
    }
}
