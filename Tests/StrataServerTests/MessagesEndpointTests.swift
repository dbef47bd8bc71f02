import StrataCore
import StrataTestSupport
import XCTest

/// Anthropic clients on `/v1/messages`, served by OpenAI, Anthropic and Gemini deployments.
final class MessagesEndpointTests: XCTestCase {
    var server: ServerHarness!

    override func setUp() async throws {
        server = try await ServerHarness.start()
    }

    override func tearDown() async throws {
        try await server.stop()
    }

    func testMessagesOnEveryProvider() async throws {
        for model in ["gpt", "claude", "gemini"] {
            let reply = try await server.send("/v1/messages", body: #"""
                {"model":"\#(model)","max_tokens":64,"system":"be brief","messages":[{"role":"user","content":"hi"}]}
                """#, headers: [("x-api-key", "anything"), ("anthropic-version", "2023-06-01")])
            XCTAssertEqual(reply.status, 200, reply.body)
            XCTAssertEqual(reply.json["type"], "message")
            XCTAssertEqual(reply.json["content"]?.arrayValue?.first?["text"], "Hello from upstream", model)
            XCTAssertEqual(reply.json["stop_reason"], "end_turn")
            XCTAssertEqual(reply.json["usage"]?["output_tokens"], 3)
        }
    }

    func testMessagesStreamHasAnthropicFraming() async throws {
        let reply = try await server.send("/v1/messages", body: #"""
            {"model":"gpt","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}
            """#)
        let names = reply.body.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
        XCTAssertEqual(names.first, "message_start")
        XCTAssertEqual(names.last, "message_stop")
        XCTAssertTrue(names.contains("content_block_start"))
        let events = ServerHarness.events(reply.body).compactMap { JSONValue.parse($0) }
        let json = events.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined()
        XCTAssertEqual(JSONValue.parse(json)?["city"], "Paris")
        XCTAssertEqual(events.first { $0["type"] == "message_delta" }?["delta"]?["stop_reason"], "tool_use")
    }

    func testMessagesErrorsUseAnthropicShape() async throws {
        let reply = try await server.send("/v1/messages", body: #"{"model":"ghost","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.json["type"], "error")
        XCTAssertEqual(reply.json["error"]?["type"], "not_found_error")
        let missing = try await server.send("/v1/messages", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(missing.status, 400)
        XCTAssertTrue(missing.json["error"]?["message"]?.stringValue?.contains("max_tokens") ?? false, missing.body)
    }
}
