import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import StrataCore
import StrataServer
import StrataTestSupport
import Synchronization

/// A whole Strata server on a free loopback port, backed by a fake upstream, plus an HTTP client.
final class ServerHarness: Sendable {
    let upstream: FakeUpstream
    let application: StrataApplication
    /// Redirects are not followed, so tests see them (the console's sign-in answers 303).
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    let task: Task<Void, any Error>
    let port: Int
    let directory: String

    static func start(masterKey: String? = nil, reply: String = "Hello from upstream", configure: (inout StrataConfig, FakeUpstream) -> Void = { _, _ in }) async throws
        -> ServerHarness
    {
        let upstream = FakeUpstream(reply: reply)
        try await upstream.start()
        let directory = NSTemporaryDirectory() + "strata-server-\(UUID().uuidString)"
        var config = StrataConfig()
        config.storage.database = directory + "/strata.sqlite"
        config.storage.flushIntervalMilliseconds = 20
        config.server.maxBodyBytes = 64 * 1024
        config.auth.masterKey = masterKey
        config.retries.maxRetries = 1
        config.retries.initialBackoffMilliseconds = 1
        var openAI = DeploymentConfig(provider: .openai, model: "gpt-upstream", baseURL: upstream.baseURL + "/v1", apiKey: "k")
        openAI.price = Price(input: 1, output: 2)
        let claude = DeploymentConfig(provider: .anthropic, model: "claude-upstream", baseURL: upstream.baseURL, apiKey: "k")
        let gemini = DeploymentConfig(provider: .gemini, model: "gemini-upstream", baseURL: upstream.baseURL, apiKey: "k")
        config.models = [
            ModelConfig(name: "gpt", deployments: [openAI]),
            ModelConfig(name: "claude", deployments: [claude]),
            ModelConfig(name: "gemini", deployments: [gemini]),
            ModelConfig(name: "embedder", deployments: [openAI]),
        ]
        configure(&config, upstream)
        var logger = Logger(label: "strata-test")
        logger.logLevel = .critical
        let application = try await StrataApplication(config: config, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await application.run(host: "127.0.0.1", port: 0) { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return ServerHarness(upstream: upstream, application: application, task: task, port: port, directory: directory)
    }

    private init(upstream: FakeUpstream, application: StrataApplication, task: Task<Void, any Error>, port: Int, directory: String) {
        self.upstream = upstream
        self.application = application
        self.task = task
        self.port = port
        self.directory = directory
    }

    func stop() async throws {
        await application.shutdown()
        _ = try? await task.value
        try await http.shutdown()
        // Strata's own client is shut down by now, so no probe or request can open a new
        // connection to the upstream while it stops (Hummingbird traps on a connection
        // accepted during shutdown that its accept loop never picks up).
        await upstream.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A response's status, headers and whole body.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: JSONValue { JSONValue.parse(body) ?? .null }
    }

    func send(_ path: String, body: String? = nil, key: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        try await send(.POST, path, body: body, key: key, headers: headers)
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, key: String? = nil,
              headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "content-type", value: "application/json")
        }
        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: fields, body: String(buffer: buffer))
    }

    /// The `data:` payloads of an SSE body.
    static func events(_ body: String) -> [String] {
        body.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    /// Waits until the recorder has written the trace.
    func trace(_ id: String, key: String? = nil) async throws -> JSONValue {
        for _ in 0..<100 {
            let reply = try await send(.GET, "/v1/strata/traces/\(id)", key: key)
            if reply.status == 200 { return reply.json }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return .null
    }
}
