import Foundation
import Hummingbird
import StrataCore

/// Anthropic's Messages responses and its event stream (message_start, content blocks,
/// ping, message_delta, message_stop).
struct FakeAnthropic {
    let reply: String

    func messages(_ body: JSONValue, reset: Bool) -> Response {
        let model = body["model"]?.stringValue ?? "claude-fake"
        let prompt = FakeReply.promptTokens(body)
        let toolCalls = calls(body)
        let output = FakeReply.tokens(reply) + toolCalls.count * 8
        let stopReason = toolCalls.isEmpty ? "end_turn" : "tool_use"
        guard body["stream"]?.boolValue == true else {
            var content: [JSONValue] = [["type": "text", "text": .string(reply)]]
            for (index, call) in toolCalls.enumerated() {
                content.append(["type": "tool_use", "id": .string("toolu_fake\(index)"), "name": .string(call.name),
                                "input": JSONValue.parse(call.arguments) ?? [:]])
            }
            let response: JSONValue = [
                "id": "msg_fake", "type": "message", "role": "assistant", "model": .string(model), "content": .array(content),
                "stop_reason": .string(stopReason), "stop_sequence": .null,
                "usage": ["input_tokens": .number(Double(prompt)), "output_tokens": .number(Double(output))],
            ]
            return FakeSSE.json(response.jsonString())
        }
        func event(_ name: String, _ data: JSONValue) -> String { "event: \(name)\ndata: \(data.jsonString())\n\n" }
        var events = [
            event("message_start", ["type": "message_start", "message": [
                "id": "msg_fake", "type": "message", "role": "assistant", "model": .string(model), "content": [],
                "stop_reason": .null, "stop_sequence": .null,
                "usage": ["input_tokens": .number(Double(prompt)), "output_tokens": 1]]]),
            event("content_block_start", ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]]),
            event("ping", ["type": "ping"]),
        ]
        for piece in FakeReply.pieces(reply) {
            events.append(event("content_block_delta", ["type": "content_block_delta", "index": 0,
                                                        "delta": ["type": "text_delta", "text": .string(piece)]]))
        }
        events.append(event("content_block_stop", ["type": "content_block_stop", "index": 0]))
        for (offset, call) in toolCalls.enumerated() {
            let index = JSONValue.number(Double(offset + 1))
            events.append(event("content_block_start", ["type": "content_block_start", "index": index, "content_block": [
                "type": "tool_use", "id": .string("toolu_fake\(offset)"), "name": .string(call.name), "input": [:]]]))
            for piece in FakeReply.fragments(call.arguments) {
                events.append(event("content_block_delta", ["type": "content_block_delta", "index": index,
                                                            "delta": ["type": "input_json_delta", "partial_json": .string(piece)]]))
            }
            events.append(event("content_block_stop", ["type": "content_block_stop", "index": index]))
        }
        events.append(event("message_delta", ["type": "message_delta",
                                              "delta": ["stop_reason": .string(stopReason), "stop_sequence": .null],
                                              "usage": ["output_tokens": .number(Double(output))]]))
        events.append(event("message_stop", ["type": "message_stop"]))
        return FakeSSE.response(events: events, reset: reset)
    }

    func calls(_ body: JSONValue) -> [(name: String, arguments: String)] {
        let tools = body["tools"]?.arrayValue ?? []
        guard !tools.isEmpty, body["tool_choice"]?["type"]?.stringValue != "none" else { return [] }
        let last = body["messages"]?.arrayValue?.last
        let lastIsToolResult = last?["content"]?.arrayValue?.contains { $0["type"]?.stringValue == "tool_result" } ?? false
        guard last?["role"]?.stringValue == "user", !lastIsToolResult else { return [] }
        let count = body["tool_choice"]?["disable_parallel_tool_use"]?.boolValue == true ? 1 : min(2, tools.count)
        return tools.prefix(count).map { tool in
            (tool["name"]?.stringValue ?? "tool",
             FakeReply.example(tool["input_schema"] ?? ["type": "object"], reply: "Paris").jsonString())
        }
    }
}

/// Gemini's generateContent answers and its `alt=sse` stream.
struct FakeGemini {
    let reply: String

    func candidate(_ body: JSONValue, text: String?, calls: [(String, String)], finish: String?) -> JSONValue {
        var parts: [JSONValue] = []
        if let text { parts.append(["text": .string(text)]) }
        for (name, arguments) in calls {
            parts.append(["functionCall": ["name": .string(name), "args": JSONValue.parse(arguments) ?? [:]]])
        }
        var candidate: [String: JSONValue] = ["content": ["role": "model", "parts": .array(parts)], "index": 0]
        if let finish { candidate["finishReason"] = .string(finish) }
        return .object(candidate)
    }

    func calls(_ body: JSONValue) -> [(String, String)] {
        guard let declarations = body["tools"]?.arrayValue?.first?["functionDeclarations"]?.arrayValue,
              body["toolConfig"]?["functionCallingConfig"]?["mode"]?.stringValue != "NONE",
              let last = body["contents"]?.arrayValue?.last,
              !(last["parts"]?.arrayValue?.contains { $0["functionResponse"] != nil } ?? false) else { return [] }
        return declarations.prefix(1).map { declaration in
            (declaration["name"]?.stringValue ?? "tool",
             FakeReply.example(declaration["parametersJsonSchema"] ?? ["type": "object"], reply: "Paris").jsonString())
        }
    }

    func usage(_ prompt: Int, _ output: Int) -> JSONValue {
        ["promptTokenCount": .number(Double(prompt)), "candidatesTokenCount": .number(Double(output)),
         "totalTokenCount": .number(Double(prompt + output))]
    }

    func generate(_ body: JSONValue, path: String) -> Response {
        let text = FakeReply.content(body, reply: reply)
        let toolCalls = calls(body)
        let prompt = FakeReply.promptTokens(body)
        let response: JSONValue = [
            "candidates": [candidate(body, text: toolCalls.isEmpty ? text : nil, calls: toolCalls, finish: "STOP")],
            "usageMetadata": usage(prompt, FakeReply.tokens(text)), "modelVersion": "gemini-fake", "responseId": "fakeresp",
        ]
        return FakeSSE.json(response.jsonString())
    }

    func stream(_ body: JSONValue, path: String, reset: Bool) -> Response {
        let text = FakeReply.content(body, reply: reply)
        let prompt = FakeReply.promptTokens(body)
        let toolCalls = calls(body)
        var events: [String] = []
        if toolCalls.isEmpty {
            let pieces = FakeReply.pieces(text)
            for (index, piece) in pieces.enumerated() {
                let last = index == pieces.count - 1
                var response: [String: JSONValue] = [
                    "candidates": [candidate(body, text: piece, calls: [], finish: last ? "STOP" : nil)],
                    "modelVersion": "gemini-fake", "responseId": "fakeresp",
                ]
                response["usageMetadata"] = last ? usage(prompt, FakeReply.tokens(text)) : ["promptTokenCount": .number(Double(prompt))]
                events.append("data: \(JSONValue.object(response).jsonString())\r\n\r\n")
            }
        } else {
            let response: JSONValue = ["candidates": [candidate(body, text: nil, calls: toolCalls, finish: "STOP")],
                                       "usageMetadata": usage(prompt, 8), "modelVersion": "gemini-fake"]
            events.append("data: \(response.jsonString())\r\n\r\n")
        }
        return FakeSSE.response(events: events, reset: reset)
    }
}
