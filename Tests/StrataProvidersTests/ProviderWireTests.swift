import AsyncHTTPClient
import StrataCore
import StrataProviders
import StrataTestSupport
import XCTest

/// Each provider against a fake upstream speaking that provider's real wire format.
final class ProviderWireTests: XCTestCase {
    var upstream: FakeUpstream!
    var http: HTTPClient!

    override func setUp() async throws {
        upstream = FakeUpstream(reply: "Hello there friend")
        try await upstream.start()
        http = UpstreamClient.makeHTTPClient()
    }

    override func tearDown() async throws {
        try await http.shutdown()
        await upstream.stop()
    }

    func deployment(_ kind: ProviderKind, timeouts: Timeouts = Timeouts()) -> Deployment {
        let base = kind == .openai ? upstream.baseURL + "/v1" : upstream.baseURL
        return Deployment(id: "d", publicModel: "public", kind: kind, upstreamModel: "upstream-model", baseURL: base,
                          apiKey: "secret", timeouts: timeouts)
    }

    func provider(_ kind: ProviderKind) -> any ChatProvider {
        let client = UpstreamClient(http: http)
        switch kind {
        case .anthropic: return AnthropicProvider(client: client)
        case .gemini: return GeminiProvider(client: client)
        default: return OpenAIProvider(client: client)
        }
    }

    func request(tools: Bool = false, stream: Bool = false) -> ChatCompletionRequest {
        var request = ChatCompletionRequest(model: "public", messages: [.text("system", "sys"), .text("user", "hi")], stream: stream)
        if tools {
            request.tools = [ToolDefinition(function: .init(name: "get_weather", parameters: [
                "type": "object", "properties": ["city": ["type": "string"]]]))]
        }
        return request
    }

    func collect(_ stream: ChunkStream) async throws -> (text: String, arguments: String, finish: String?, usage: Usage?) {
        var text = ""
        var arguments = ""
        var finish: String?
        var usage: Usage?
        for try await chunk in stream {
            if let chunkUsage = chunk.usage { usage = chunkUsage }
            for choice in chunk.choices {
                text += choice.delta.content ?? ""
                arguments += (choice.delta.toolCalls ?? []).compactMap(\.function?.arguments).joined()
                if let reason = choice.finishReason { finish = reason }
            }
        }
        return (text, arguments, finish, usage)
    }

    func testCompleteAndStreamInEveryDialect() async throws {
        for kind in [ProviderKind.openai, .anthropic, .gemini] {
            let whole = try await provider(kind).complete(request(), on: deployment(kind))
            XCTAssertEqual(whole.choices.first?.message.content?.plainText, "Hello there friend", "\(kind)")
            XCTAssertEqual(whole.choices.first?.finishReason, "stop", "\(kind)")
            XCTAssertGreaterThan(whole.usage?.completionTokens ?? 0, 0, "\(kind)")

            let streamed = try await collect(try await provider(kind).stream(request(stream: true), on: deployment(kind)))
            XCTAssertEqual(streamed.text, "Hello there friend", "\(kind)")
            XCTAssertEqual(streamed.finish, "stop", "\(kind)")
            XCTAssertEqual(streamed.usage?.completionTokens, 3, "\(kind) streams end with usage")
        }
    }

    func testAuthHeadersPerDialect() async throws {
        for kind in [ProviderKind.openai, .anthropic, .gemini] {
            _ = try await provider(kind).complete(request(), on: deployment(kind))
        }
        let headers = upstream.received.map(\.headers)
        XCTAssertEqual(headers[0]["authorization"], "Bearer secret")
        XCTAssertEqual(headers[1]["x-api-key"], "secret")
        XCTAssertEqual(headers[1]["anthropic-version"], "2023-06-01")
        XCTAssertEqual(headers[2]["x-goog-api-key"], "secret")
        XCTAssertEqual(upstream.received[2].path, "/v1beta/models/upstream-model:generateContent")
        XCTAssertEqual(upstream.received[0].body["model"], "upstream-model")
    }

    func testToolCallsStreamInEveryDialect() async throws {
        for kind in [ProviderKind.openai, .anthropic, .gemini] {
            let whole = try await provider(kind).complete(request(tools: true), on: deployment(kind))
            XCTAssertEqual(whole.choices.first?.finishReason, "tool_calls", "\(kind)")
            XCTAssertEqual(whole.choices.first?.message.toolCalls?.first?.function.name, "get_weather", "\(kind)")
            let streamed = try await collect(try await provider(kind).stream(request(tools: true, stream: true), on: deployment(kind)))
            XCTAssertTrue(streamed.arguments.contains(#""city":"Paris""#), "\(kind): \(streamed.arguments)")
            XCTAssertEqual(streamed.finish, "tool_calls", "\(kind)")
        }
    }

    func testOpenAIStreamAsksForUsage() async throws {
        _ = try await collect(try await provider(.openai).stream(request(stream: true), on: deployment(.openai)))
        XCTAssertEqual(upstream.received.last?.body["stream_options"]?["include_usage"], true)
    }

    func testErrorsAreClassified() async throws {
        for kind in [ProviderKind.openai, .anthropic, .gemini] {
            upstream.enqueue(.status(429, retryAfter: 7), .status(503), .contextWindowExceeded, .status(401))
            var kinds: [ProviderError.Kind] = []
            for _ in 0..<4 {
                do {
                    _ = try await provider(kind).complete(request(), on: deployment(kind))
                    XCTFail("expected an error")
                } catch let error as ProviderError {
                    kinds.append(error.kind)
                    if error.kind == .rateLimited { XCTAssertEqual(error.retryAfter, 7, "\(kind)") }
                }
            }
            XCTAssertEqual(kinds, [.rateLimited, .serverError, .contextWindowExceeded, .authentication], "\(kind)")
        }
    }

    func testStreamErrorBeforeFirstByteIsThrownFromStreamCall() async throws {
        upstream.enqueue(.status(500))
        do {
            _ = try await provider(.openai).stream(request(stream: true), on: deployment(.openai))
            XCTFail("expected an error")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .serverError)
        }
    }

    func testResetMidStreamEndsWithError() async throws {
        for kind in [ProviderKind.openai, .anthropic, .gemini] {
            upstream.enqueue(.resetMidStream)
            let stream = try await provider(kind).stream(request(stream: true), on: deployment(kind))
            do {
                _ = try await collect(stream)
                XCTFail("\(kind): a broken stream must not end cleanly")
            } catch let error as ProviderError {
                XCTAssertEqual(error.kind, .streamInterrupted, "\(kind)")
            }
        }
    }

    func testSlowFirstByteTimesOut() async throws {
        upstream.enqueue(.slowFirstByte(seconds: 2))
        let quick = deployment(.openai, timeouts: Timeouts(connect: 1, firstToken: 0.3, total: 5))
        do {
            _ = try await provider(.openai).complete(request(), on: Deployment(
                id: "d", publicModel: "p", kind: .openai, upstreamModel: "m", baseURL: upstream.baseURL + "/v1",
                timeouts: Timeouts(connect: 1, firstToken: 0.3, total: 0.3)))
            XCTFail("expected a timeout")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .timeout)
        }
        upstream.enqueue(.slowFirstByte(seconds: 2))
        do {
            _ = try await provider(.openai).stream(request(stream: true), on: quick)
            XCTFail("expected a timeout")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .timeout)
        }
    }

    func testConnectionRefusedIsAConnectionError() async throws {
        let nowhere = Deployment(id: "d", publicModel: "p", kind: .openai, upstreamModel: "m", baseURL: "http://127.0.0.1:1/v1")
        do {
            _ = try await provider(.openai).complete(request(), on: nowhere)
            XCTFail("expected an error")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .connection)
            XCTAssertTrue(error.isRetryable)
        }
    }

    func testEmbeddingsAndRawCompletions() async throws {
        let openAI = OpenAIProvider(client: UpstreamClient(http: http))
        let embedded = try await openAI.embed(EmbeddingRequest(model: "e", input: ["a", "b"]), on: deployment(.openai))
        XCTAssertEqual(embedded.data.count, 2)
        XCTAssertEqual(embedded.data[0].embedding.count, 8)
        let chat = TextCompletionBridge.chatRequest(CompletionRequest(model: "m", prompt: .init(["Once upon"])), prompt: "Once upon")
        let completed = try await openAI.complete(chat, on: deployment(.openai))
        XCTAssertEqual(upstream.received.last?.path, "/v1/completions")
        XCTAssertEqual(upstream.received.last?.body["prompt"], "Once upon")
        XCTAssertEqual(completed.choices.first?.message.content?.plainText, "Hello there friend")
    }
}
