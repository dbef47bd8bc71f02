import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StrataCore

/// The HTTP side of every hosted provider: JSON posts and SSE streams over a pooled
/// async-http-client, with the deployment's timeouts and uniform error classification.
public struct UpstreamClient: Sendable {
    public let http: HTTPClient
    /// Upstream error bodies are cut to this size before they reach a message.
    static let errorBodyLimit = 64 * 1024
    static let responseBodyLimit = 64 * 1024 * 1024

    public init(http: HTTPClient) {
        self.http = http
    }

    /// A client with a connection pool suited to a gateway; the caller shuts it down.
    public static func makeHTTPClient(connectTimeout: Double = 10) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeout * 1000)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection should fail over to the next deployment now, not after the
        // connect timeout; the router does its own retries with backoff.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(100))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// How a provider reads its own error bodies.
    public typealias ErrorReader = @Sendable (_ status: Int, _ body: Data, _ headers: HTTPHeaders) -> ProviderError

    /// POSTs JSON and returns the response body, or throws a classified `ProviderError`.
    public func postJSON(url: String, headers: [(String, String)], body: Data, deployment: Deployment,
                         provider: String, readError: ErrorReader) async throws -> Data {
        let request = makeRequest(url: url, headers: headers, body: body)
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(deployment.timeouts.total * 1000)))
            let data = try await response.body.collect(upTo: Self.responseBodyLimit)
            let bytes = Data(data.readableBytesView)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw readError(Int(response.status.code), bytes.prefix(Self.errorBodyLimit), response.headers)
            }
            return bytes
        } catch let error as ProviderError {
            throw error
        } catch {
            throw Self.classify(error, provider: provider)
        }
    }

    /// GETs a URL and checks for a 2xx answer (health probes).
    public func get(url: String, headers: [(String, String)], timeout: Double, provider: String) async throws {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            _ = try await response.body.collect(upTo: Self.errorBodyLimit * 16)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw ProviderError.from(status: Int(response.status.code), provider: provider,
                                         message: "health probe answered \(response.status.code)", code: nil, retryAfter: nil)
            }
        } catch let error as ProviderError {
            throw error
        } catch {
            throw Self.classify(error, provider: provider)
        }
    }

    /// POSTs JSON and streams back server-sent events. The first event must arrive within the
    /// deployment's first-token timeout and the stream must end within its total timeout.
    public func postStream(url: String, headers: [(String, String)], body: Data, deployment: Deployment,
                           provider: String, readError: @escaping ErrorReader) async throws
        -> AsyncThrowingStream<SSEEvent, any Error>
    {
        let request = makeRequest(url: url, headers: headers, body: body)
        let timeouts = deployment.timeouts
        let response: HTTPClientResponse
        do {
            response = try await http.execute(
                request, timeout: .milliseconds(Int64(min(timeouts.firstToken, timeouts.total) * 1000)))
        } catch {
            throw Self.classify(error, provider: provider)
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let data = (try? await response.body.collect(upTo: Self.errorBodyLimit)).map { Data($0.readableBytesView) } ?? Data()
            throw readError(Int(response.status.code), data, response.headers)
        }
        return Self.events(of: response.body, timeouts: timeouts, provider: provider)
    }

    private static func events(of body: HTTPClientResponse.Body, timeouts: Timeouts, provider: String)
        -> AsyncThrowingStream<SSEEvent, any Error>
    {
        AsyncThrowingStream { continuation in
            let watchdog = StreamWatchdog()
            let reader = Task {
                var parser = SSEParser()
                do {
                    for try await buffer in body {
                        await watchdog.sawData()
                        for event in parser.feed(buffer.readableBytesView) { continuation.yield(event) }
                    }
                    for event in parser.finish() { continuation.yield(event) }
                    continuation.finish()
                } catch {
                    let reason = await watchdog.timeoutReason
                    if let reason {
                        continuation.finish(throwing: ProviderError(kind: .timeout, provider: provider, message: reason))
                    } else if Task.isCancelled {
                        continuation.finish()
                    } else {
                        continuation.finish(throwing: ProviderError(
                            kind: .streamInterrupted, provider: provider,
                            message: "the stream broke off: \(error)"))
                    }
                }
            }
            let timer = Task {
                let started = ContinuousClock.now
                let firstTokenDeadline = started + .milliseconds(Int64(timeouts.firstToken * 1000))
                let totalDeadline = started + .milliseconds(Int64(timeouts.total * 1000))
                do {
                    try await Task.sleep(until: firstTokenDeadline, clock: .continuous)
                    if await !watchdog.hasData {
                        await watchdog.expire("no data within the first-token timeout of \(timeouts.firstToken) s")
                        reader.cancel()
                        return
                    }
                    try await Task.sleep(until: totalDeadline, clock: .continuous)
                    await watchdog.expire("the stream exceeded the total timeout of \(timeouts.total) s")
                    reader.cancel()
                } catch {}
            }
            continuation.onTermination = { _ in
                reader.cancel()
                timer.cancel()
            }
        }
    }

    private func makeRequest(url: String, headers: [(String, String)], body: Data) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// Connection-level failures: timeouts and everything that kept us from an HTTP answer.
    static func classify(_ error: any Error, provider: String) -> ProviderError {
        if let error = error as? ProviderError { return error }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return ProviderError(kind: .timeout, provider: provider, message: "\(client)")
            default:
                return ProviderError(kind: .connection, provider: provider, message: "\(client)")
            }
        }
        if error is CancellationError {
            return ProviderError(kind: .timeout, provider: provider, message: "request cancelled")
        }
        return ProviderError(kind: .connection, provider: provider, message: "\(error)")
    }

    /// `Retry-After` (seconds or an HTTP date) or `retry-after-ms`.
    public static func retryAfter(_ headers: HTTPHeaders) -> Double? {
        if let ms = headers.first(name: "retry-after-ms"), let value = Double(ms) { return value / 1000 }
        guard let text = headers.first(name: "retry-after") else { return nil }
        if let seconds = Double(text) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSinceNow) }
    }
}

/// Shared state between a stream's reader and its timer: has data arrived, did time run out.
actor StreamWatchdog {
    private(set) var hasData = false
    private(set) var timeoutReason: String?

    func sawData() { hasData = true }
    func expire(_ reason: String) { timeoutReason = reason }
}
