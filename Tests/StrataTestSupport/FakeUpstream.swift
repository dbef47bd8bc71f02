import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import StrataCore
import Synchronization

/// An in-process upstream on 127.0.0.1 that speaks OpenAI's, Anthropic's and Gemini's wire
/// formats byte for byte, including SSE framing, usage chunks and tool-call deltas, and that
/// can be told to misbehave (429 with Retry-After, 500, slow first byte, reset mid-stream).
public final class FakeUpstream: Sendable {
    /// What the next request gets.
    public enum Behaviour: Sendable, Equatable {
        case normal
        case status(Int, retryAfter: Int? = nil, message: String = "fake failure")
        /// Waits this long before sending the response head.
        case slowFirstByte(seconds: Double)
        /// Sends part of a stream, then drops the connection.
        case resetMidStream
        /// Answers with an error matching the provider's context-window message.
        case contextWindowExceeded
        /// Answers normally, with this text instead of the configured reply.
        case reply(String)
        /// Answers normally; string arguments of tool calls (OpenAI dialect) say this.
        case toolArguments(String)
    }

    /// A request the fake received.
    public struct Received: Sendable {
        public var path: String
        public var headers: [String: String]
        public var body: JSONValue
    }

    private let state = Mutex<(queue: [Behaviour], received: [Received])>(([], []))
    public let reply: String
    private let task = Mutex<(Task<Void, any Error>, ServiceGroup)?>(nil)
    private let boundPort = Mutex(0)
    public var port: Int { boundPort.withLock { $0 } }
    /// The port to listen on (0: any free port).
    let requestedPort: Int

    public init(reply: String = "Hello from the fake upstream", port: Int = 0) {
        self.reply = reply
        self.requestedPort = port
    }

    /// Behaviours for the next requests, in order; afterwards requests are served normally.
    public func enqueue(_ behaviours: Behaviour...) {
        state.withLock { $0.queue += behaviours }
    }

    public var received: [Received] { state.withLock { $0.received } }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    func next(path: String, headers: [String: String], body: JSONValue) -> Behaviour {
        state.withLock { state in
            state.received.append(Received(path: path, headers: headers, body: body))
            return state.queue.isEmpty ? .normal : state.queue.removeFirst()
        }
    }

    /// Starts listening on a free port; returns once it accepts connections.
    public func start() async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await self.handle(request, dialect: .openAIChat) }
        router.post("/v1/completions") { request, _ in try await self.handle(request, dialect: .openAIText) }
        router.post("/v1/embeddings") { request, _ in try await self.handle(request, dialect: .openAIEmbeddings) }
        router.get("/v1/models") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"object":"list","data":[{"id":"fake-model","object":"model","created":1700000000,"owned_by":"fake"}]}"#)))
        }
        router.post("/v1/messages") { request, _ in try await self.handle(request, dialect: .anthropic) }
        router.post("/v1beta/models/**") { request, _ in
            let streaming = request.uri.path.hasSuffix(":streamGenerateContent")
            return try await self.handle(request, dialect: streaming ? .geminiStream : .gemini)
        }
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-upstream")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: requestedPort)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let running = Task { try await group.run() }
        task.withLock { $0 = (running, group) }
        for await bound in portStream {
            boundPort.withLock { $0 = bound }
            break
        }
    }

    /// Stops the server gracefully (listener closed, open requests answered) and waits for it.
    public func stop() async {
        guard let (running, group) = task.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }

    enum Dialect {
        case openAIChat, openAIText, openAIEmbeddings, anthropic, gemini, geminiStream
    }

    func handle(_ request: Request, dialect: Dialect) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 * 1024 * 1024)
        let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))) ?? .null
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let behaviour = next(path: request.uri.path, headers: headers, body: body)
        if case .slowFirstByte(let seconds) = behaviour {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        }
        if case .status(let code, let retryAfter, let message) = behaviour {
            return error(dialect, status: code, message: message, retryAfter: retryAfter)
        }
        if behaviour == .contextWindowExceeded {
            return error(dialect, status: 400, message: contextMessage(dialect), code: "context_length_exceeded")
        }
        let reset = behaviour == .resetMidStream
        var reply = self.reply
        if case .reply(let text) = behaviour { reply = text }
        switch dialect {
        case .openAIChat:
            var fake = FakeOpenAI(reply: reply)
            if case .toolArguments(let text) = behaviour { fake.toolArgument = text }
            return fake.chat(body, reset: reset)
        case .openAIText: return FakeOpenAI(reply: reply).completion(body, reset: reset)
        case .openAIEmbeddings: return FakeOpenAI(reply: reply).embeddings(body)
        case .anthropic: return FakeAnthropic(reply: reply).messages(body, reset: reset)
        case .gemini: return FakeGemini(reply: reply).generate(body, path: request.uri.path)
        case .geminiStream: return FakeGemini(reply: reply).stream(body, path: request.uri.path, reset: reset)
        }
    }

    func contextMessage(_ dialect: Dialect) -> String {
        switch dialect {
        case .anthropic: return "prompt is too long: 250000 tokens > 200000 maximum"
        case .gemini, .geminiStream: return "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
        default: return "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens."
        }
    }

    func error(_ dialect: Dialect, status: Int, message: String, retryAfter: Int? = nil, code: String? = nil) -> Response {
        let text: String
        switch dialect {
        case .anthropic:
            let type = status == 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error"
            text = #"{"type":"error","error":{"type":"\#(type)","message":"\#(message)"}}"#
        case .gemini, .geminiStream:
            let statusName = status == 429 ? "RESOURCE_EXHAUSTED" : status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT"
            text = #"{"error":{"code":\#(status),"message":"\#(message)","status":"\#(statusName)"}}"#
        default:
            let type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error"
            let codeJSON = code.map { "\"\($0)\"" } ?? "null"
            text = #"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":\#(codeJSON)}}"#
        }
        var fields: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Writes SSE bodies; with `reset` it stops half-way and breaks the connection.
enum FakeSSE {
    struct Reset: Error {}

    static func response(events: [String], reset: Bool) -> Response {
        Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     for (index, event) in events.enumerated() {
                         if reset && index == events.count / 2 { throw Reset() }
                         try await writer.write(ByteBuffer(string: event))
                     }
                     try await writer.finish(nil)
                 })
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
