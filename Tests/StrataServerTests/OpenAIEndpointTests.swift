import StrataCore
import StrataTestSupport
import XCTest

final class OpenAIEndpointTests: XCTestCase {
    var server: ServerHarness!

    override func setUp() async throws {
        server = try await ServerHarness.start()
    }

    override func tearDown() async throws {
        try await server.stop()
    }

    let hello = #"{"model":"gpt","messages":[{"role":"user","content":"hi"}]}"#

    func testChatCompletionIsTracedWithCost() async throws {
        let reply = try await server.send("/v1/chat/completions", body: hello)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["model"], "gpt", "the public model name, not the upstream's")
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["message"]?["content"], "Hello from upstream")
        let traceID = try XCTUnwrap(reply.headers["x-strata-trace-id"])
        let trace = try await server.trace(traceID)
        XCTAssertEqual(trace["status"], 200)
        XCTAssertEqual(trace["deployment"], "gpt/0")
        XCTAssertEqual(trace["completion_tokens"], 3)
        let cost = try XCTUnwrap(trace["cost"]?.doubleValue)
        XCTAssertEqual(cost, (trace["prompt_tokens"]!.doubleValue! * 1 + 3 * 2) / 1_000_000, accuracy: 1e-12)
        XCTAssertTrue(trace["request_body"]?.stringValue?.contains("\"hi\"") ?? false)
    }

    func testStreamingEndsWithDoneAndHidesUsageUnlessAsked() async throws {
        let plain = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
        XCTAssertEqual(plain.headers["content-type"], "text/event-stream")
        let events = ServerHarness.events(plain.body)
        XCTAssertEqual(events.last, "[DONE]")
        let chunks = events.dropLast().compactMap { JSONValue.parse($0) }
        XCTAssertEqual(chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined(),
                       "Hello from upstream")
        XCTAssertFalse(chunks.contains { $0["usage"] != nil && $0["usage"] != .null })

        let withUsage = try await server.send("/v1/chat/completions", body: #"""
            {"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}
            """#)
        let usageChunks = ServerHarness.events(withUsage.body).dropLast().compactMap { JSONValue.parse($0) }
            .filter { $0["usage"]?["completion_tokens"] != nil }
        XCTAssertEqual(usageChunks.count, 1)
        XCTAssertEqual(usageChunks.first?["choices"], [])
        let trace = try await server.trace(try XCTUnwrap(withUsage.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["stream"], true)
        XCTAssertNotNil(trace["ttft_ms"]?.doubleValue)
        XCTAssertEqual(trace["provider"], "anthropic")
    }

    func testMidStreamFailureEndsWithErrorEvent() async throws {
        server.upstream.enqueue(.resetMidStream)
        let reply = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
        let events = ServerHarness.events(reply.body)
        XCTAssertEqual(events.last, "[DONE]")
        let error = JSONValue.parse(events[events.count - 2])
        XCTAssertEqual(error?["error"]?["code"], "stream_interrupted")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["status"], 502)
    }

    func testStreamFailingBeforeFirstChunkIsRetried() async throws {
        server.upstream.enqueue(.status(503))
        let reply = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
        XCTAssertEqual(ServerHarness.events(reply.body).last, "[DONE]")
        XCTAssertTrue(reply.body.contains("Hello"))
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["attempts"]?.arrayValue?.count, 2)
    }

    func testToolsAndJSONSchemaThroughEveryProvider() async throws {
        for model in ["gpt", "claude", "gemini"] {
            let tools = try await server.send("/v1/chat/completions", body: #"""
                {"model":"\#(model)","messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
                """#)
            XCTAssertEqual(tools.status, 200, tools.body)
            let call = tools.json["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?.first
            XCTAssertEqual(call?["function"]?["name"], "get_weather", model)
            XCTAssertEqual(JSONValue.parse(call?["function"]?["arguments"]?.stringValue ?? "")?["city"], "Paris", model)
        }
        let structured = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gemini","messages":[{"role":"user","content":"x"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}}
            """#)
        let content = structured.json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue ?? ""
        XCTAssertEqual(JSONValue.parse(content)?["n"], 42)
    }

    func testCompletionsAndEmbeddingsAndModels() async throws {
        let completion = try await server.send("/v1/completions", body: #"{"model":"gpt","prompt":"Once upon","max_tokens":5}"#)
        XCTAssertEqual(completion.status, 200, completion.body)
        XCTAssertEqual(completion.json["object"], "text_completion")
        XCTAssertEqual(completion.json["choices"]?.arrayValue?.first?["text"], "Hello from upstream")
        XCTAssertEqual(server.upstream.received.last?.path, "/v1/completions")

        let streamed = try await server.send("/v1/completions", body: #"{"model":"claude","prompt":"Once","stream":true}"#)
        let text = ServerHarness.events(streamed.body).dropLast().compactMap { JSONValue.parse($0)?["choices"]?.arrayValue?.first?["text"]?.stringValue }
        XCTAssertEqual(text.joined(), "Hello from upstream")

        let embeddings = try await server.send("/v1/embeddings", body: #"{"model":"embedder","input":["a","b","c"]}"#)
        XCTAssertEqual(embeddings.status, 200, embeddings.body)
        XCTAssertEqual(embeddings.json["data"]?.arrayValue?.count, 3)
        XCTAssertEqual(embeddings.json["model"], "embedder")

        let notEmbedding = try await server.send("/v1/embeddings", body: #"{"model":"claude","input":"a"}"#)
        XCTAssertEqual(notEmbedding.status, 400)

        let models = try await server.send(.GET, "/v1/models")
        XCTAssertEqual(models.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["gpt", "claude", "gemini", "embedder"])
        let one = try await server.send(.GET, "/v1/models/claude")
        XCTAssertEqual(one.json["owned_by"], "anthropic")
        let missing = try await server.send(.GET, "/v1/models/nope")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.json["error"]?["code"], "model_not_found")
    }
}
