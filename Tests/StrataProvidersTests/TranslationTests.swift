import StrataCore
import StrataProviders
import XCTest

final class TranslationTests: XCTestCase {
    let weather = ToolDefinition(function: .init(name: "get_weather", description: "Weather for a city",
                                                 parameters: ["type": "object", "properties": ["city": ["type": "string"]]]))

    func conversationWithTools() -> ChatCompletionRequest {
        var request = ChatCompletionRequest(model: "m", messages: [
            .text("system", "Be brief."),
            .text("user", "Weather in Paris?"),
            ChatMessage(role: "assistant", content: nil, toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)]),
            ChatMessage(role: "tool", content: .text(#"{"temp":21}"#), toolCallID: "call_1"),
            .text("user", "And tomorrow?"),
        ])
        request.tools = [weather]
        request.toolChoice = "required"
        request.parallelToolCalls = false
        request.maxTokens = 100
        request.stop = StopSequences(["END"])
        request.user = "u-42"
        return request
    }

    func testOpenAIToAnthropicRequest() throws {
        let anthropic = OpenAIToAnthropic.request(conversationWithTools(), model: "claude")
        XCTAssertEqual(anthropic.system?.plainText, "Be brief.")
        XCTAssertEqual(anthropic.messages.map(\.role), ["user", "assistant", "user"], "roles alternate, tool results fold into user turns")
        let toolUse = anthropic.messages[1].content.blocks[0]
        XCTAssertEqual(toolUse.type, "tool_use")
        XCTAssertEqual(toolUse.input?["city"], "Paris")
        let userBlocks = anthropic.messages[2].content.blocks
        XCTAssertEqual(userBlocks[0].type, "tool_result")
        XCTAssertEqual(userBlocks[0].toolUseID, "call_1")
        XCTAssertEqual(userBlocks[1].text, "And tomorrow?")
        XCTAssertEqual(anthropic.tools?.first?.inputSchema["properties"]?["city"]?["type"], "string")
        XCTAssertEqual(anthropic.toolChoice, AnthropicToolChoice(type: "any", disableParallelToolUse: true))
        XCTAssertEqual(anthropic.maxTokens, 100)
        XCTAssertEqual(anthropic.stopSequences, ["END"])
        XCTAssertEqual(anthropic.metadata?.userID, "u-42")
    }

    func testAnthropicResponseToOpenAI() {
        let response = AnthropicResponse(
            id: "msg_1", model: "claude",
            content: [AnthropicBlock(text: "Let me check."), .toolUse(id: "toolu_1", name: "get_weather", input: ["city": "Oslo"])],
            stopReason: "tool_use", usage: AnthropicUsage(inputTokens: 11, outputTokens: 7))
        let openAI = OpenAIToAnthropic.response(response, model: "public", created: 5)
        XCTAssertEqual(openAI.choices[0].finishReason, "tool_calls")
        XCTAssertEqual(openAI.choices[0].message.toolCalls?.first?.function.arguments, #"{"city":"Oslo"}"#)
        XCTAssertEqual(openAI.choices[0].message.content?.plainText, "Let me check.")
        XCTAssertEqual(openAI.usage, Usage(promptTokens: 11, completionTokens: 7))
    }

    func testAnthropicRequestToOpenAIAndBack() {
        var request = AnthropicRequest(model: "gpt", messages: [
            AnthropicMessage(role: "user", content: .text("Weather?")),
            AnthropicMessage(role: "assistant", content: .blocks([.toolUse(id: "toolu_9", name: "get_weather", input: ["city": "Rome"])])),
            AnthropicMessage(role: "user", content: .blocks([.toolResult(toolUseID: "toolu_9", content: "sunny"),
                                                             AnthropicBlock(text: "Thanks")])),
        ], maxTokens: 50)
        request.system = .text("sys")
        request.tools = [AnthropicTool(name: "get_weather", description: nil, inputSchema: ["type": "object"])]
        request.toolChoice = AnthropicToolChoice(type: "tool", name: "get_weather")
        let openAI = AnthropicToOpenAI.request(request)
        XCTAssertEqual(openAI.messages.map(\.role), ["system", "user", "assistant", "tool", "user"])
        XCTAssertEqual(openAI.messages[2].toolCalls?.first?.id, "toolu_9")
        XCTAssertEqual(openAI.messages[3].toolCallID, "toolu_9")
        XCTAssertEqual(openAI.toolChoice?["function"]?["name"], "get_weather")
        XCTAssertEqual(openAI.maxTokens, 50)

        // And an OpenAI answer goes back as Anthropic blocks.
        let answer = ChatCompletionResponse(id: "chatcmpl-abc", created: 1, model: "gpt", choices: [
            .init(index: 0, message: ChatMessage(role: "assistant", content: nil,
                                                 toolCalls: [ToolCall(id: "call_2", name: "get_weather", arguments: #"{"city":"Rome"}"#)]),
                  finishReason: "tool_calls"),
        ], usage: Usage(promptTokens: 3, completionTokens: 4))
        let back = AnthropicToOpenAI.response(answer)
        XCTAssertEqual(back.id, "msg_abc")
        XCTAssertEqual(back.stopReason, "tool_use")
        XCTAssertEqual(back.content.first?.type, "tool_use")
        XCTAssertEqual(back.content.first?.input?["city"], "Rome")
        XCTAssertEqual(back.usage.outputTokens, 4)
    }

    func testOpenAIToGeminiRequest() {
        var request = conversationWithTools()
        request.responseFormat = ResponseFormat(type: "json_schema", jsonSchema: .init(name: "x", schema: ["type": "object"]))
        let gemini = GeminiTranslator.request(request)
        XCTAssertEqual(gemini.systemInstruction?.parts.first?.text, "Be brief.")
        XCTAssertEqual(gemini.contents.map(\.role), ["user", "model", "user"])
        XCTAssertEqual(gemini.contents[1].parts.first?.functionCall?.name, "get_weather")
        let response = gemini.contents[2].parts.first?.functionResponse
        XCTAssertEqual(response?.name, "get_weather", "the tool name is recovered from the call id")
        XCTAssertEqual(response?.response["temp"], 21)
        XCTAssertEqual(gemini.tools?.first?.functionDeclarations.first?.name, "get_weather")
        XCTAssertEqual(gemini.toolConfig?.functionCallingConfig.mode, "ANY")
        XCTAssertEqual(gemini.generationConfig?.responseMimeType, "application/json")
        XCTAssertEqual(gemini.generationConfig?.maxOutputTokens, 100)
    }

    func testGeminiStreamDecoderNumbersToolCalls() {
        var decoder = GeminiStreamDecoder(model: "g", created: 1)
        let first = GeminiResponse(candidates: [.init(content: GeminiContent(role: "model", parts: [GeminiPart(text: "Hi")]),
                                                      finishReason: nil, index: 0)])
        let second = GeminiResponse(candidates: [.init(content: GeminiContent(role: "model", parts: [
            GeminiPart(functionCall: .init(id: nil, name: "a", args: [:])),
            GeminiPart(functionCall: .init(id: nil, name: "b", args: ["x": 1])),
        ]), finishReason: "STOP", index: 0)], usageMetadata: .init(promptTokenCount: 4, candidatesTokenCount: 6))
        let chunks = decoder.chunks(for: first) + decoder.chunks(for: second)
        XCTAssertEqual(chunks[0].choices[0].delta.role, "assistant")
        XCTAssertEqual(chunks[0].choices[0].delta.content, "Hi")
        XCTAssertEqual(chunks[1].choices[0].delta.toolCalls?.map(\.index), [0, 1])
        XCTAssertEqual(chunks[1].choices[0].finishReason, "tool_calls")
        XCTAssertEqual(decoder.usageChunk().usage, Usage(promptTokens: 4, completionTokens: 6))
    }

    func testAnthropicStreamDecoderToolDeltas() throws {
        var decoder = AnthropicStreamDecoder(model: "c", created: 1)
        func event(_ json: String) throws -> AnthropicStreamEvent {
            try JSONDecoder().decode(AnthropicStreamEvent.self, from: Data(json.utf8))
        }
        var chunks: [ChatCompletionChunk] = []
        for json in [
            #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"c","content":[],"stop_reason":null,"usage":{"input_tokens":9,"output_tokens":1}}}"#,
            #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#,
            #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}"#,
            #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}"#,
            #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"1}"}}"#,
            #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":12}}"#,
            #"{"type":"message_stop"}"#,
        ] {
            chunks += try decoder.chunks(for: event(json), provider: "p")
        }
        let arguments = chunks.flatMap { $0.choices.flatMap { $0.delta.toolCalls ?? [] } }.compactMap(\.function?.arguments).joined()
        XCTAssertEqual(arguments, #"{"a":1}"#)
        XCTAssertEqual(chunks.first { $0.choices.first?.finishReason != nil }?.choices.first?.finishReason, "tool_calls")
        XCTAssertEqual(chunks.last?.usage, Usage(promptTokens: 9, completionTokens: 12))
        XCTAssertThrowsError(try decoder.chunks(for: event(#"{"type":"error","error":{"type":"overloaded_error","message":"busy"}}"#),
                                                provider: "p"))
    }

    func testMessagesStreamEncoderFramesBlocks() {
        var encoder = MessagesStreamEncoder(model: "m")
        var events: [AnthropicStreamEvent] = []
        events += encoder.events(for: ChatCompletionChunk(id: "chatcmpl-1", created: 1, model: "m",
                                                          choices: [.init(index: 0, delta: .init(role: "assistant", content: "Hel"))]))
        events += encoder.events(for: ChatCompletionChunk(id: "chatcmpl-1", created: 1, model: "m",
                                                          choices: [.init(index: 0, delta: .init(content: "lo"))]))
        events += encoder.events(for: ChatCompletionChunk(id: "chatcmpl-1", created: 1, model: "m", choices: [
            .init(index: 0, delta: .init(toolCalls: [.init(index: 0, id: "call_1", name: "f", arguments: "{}")]), finishReason: "tool_calls"),
        ]))
        events += encoder.events(for: ChatCompletionChunk(id: "chatcmpl-1", created: 1, model: "m", choices: [],
                                                          usage: Usage(promptTokens: 2, completionTokens: 3)))
        events += encoder.finish()
        XCTAssertEqual(events.map(\.type), [
            "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        ])
        XCTAssertEqual(events[8].delta?.stopReason, "tool_use")
        XCTAssertEqual(events[8].usage?.outputTokens, 3)
    }
}
