import Foundation
import StrataCore

/// Anthropic's Messages API.
public struct AnthropicProvider: ChatProvider, HealthProbing {
    let client: UpstreamClient
    let time: any TimeSource
    static let apiVersion = "2023-06-01"

    public init(client: UpstreamClient, time: any TimeSource = SystemTimeSource()) {
        self.client = client
        self.time = time
    }

    public func complete(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChatCompletionResponse {
        let body = OpenAIToAnthropic.request(request, model: deployment.upstreamModel)
        let provider = name(deployment)
        let data = try await client.postJSON(
            url: "\(deployment.trimmedBaseURL)/v1/messages", headers: headers(deployment),
            body: try JSONEncoder().encode(body), deployment: deployment, provider: provider, readError: Self.readError(provider))
        let response: AnthropicResponse
        do {
            response = try JSONDecoder().decode(AnthropicResponse.self, from: data)
        } catch {
            throw ProviderError(kind: .serverError, provider: provider, message: "unreadable response: \(error)")
        }
        return OpenAIToAnthropic.response(response, model: request.model, created: Int(time.now()))
    }

    public func stream(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChunkStream {
        var body = OpenAIToAnthropic.request(request, model: deployment.upstreamModel)
        body.stream = true
        let provider = name(deployment)
        let events = try await client.postStream(
            url: "\(deployment.trimmedBaseURL)/v1/messages", headers: headers(deployment),
            body: try JSONEncoder().encode(body), deployment: deployment, provider: provider, readError: Self.readError(provider))
        let start = AnthropicStreamDecoder(model: request.model, created: Int(time.now()))
        return EventRelay.relay(events, initial: start) { decoder, event in
            guard let parsed = try? JSONDecoder().decode(AnthropicStreamEvent.self, from: Data(event.data.utf8)) else {
                throw ProviderError(kind: .streamInterrupted, provider: provider,
                                    message: "unreadable stream event: \(event.data.prefix(300))")
            }
            let chunks = try decoder.chunks(for: parsed, provider: provider)
            return parsed.type == "message_stop" ? .done(chunks) : .chunks(chunks)
        }
    }

    public func probe(_ deployment: Deployment) async throws {
        try await client.get(url: "\(deployment.trimmedBaseURL)/v1/models", headers: headers(deployment),
                             timeout: deployment.timeouts.connect, provider: name(deployment))
    }

    func name(_ deployment: Deployment) -> String { "anthropic:\(deployment.id)" }

    func headers(_ deployment: Deployment) -> [(String, String)] {
        var list: [(String, String)] = [("anthropic-version", deployment.apiVersion ?? Self.apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { list.append(("x-api-key", key)) }
        list += deployment.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return list
    }

    static func readError(_ provider: String) -> UpstreamClient.ErrorReader {
        { status, body, headers in
            let parsed = try? JSONDecoder().decode(AnthropicErrorBody.self, from: body)
            let message = parsed?.error.message ?? String(decoding: body.prefix(1000), as: UTF8.self)
            // 529 is Anthropic's "overloaded": a server-side condition worth retrying.
            return ProviderError.from(status: status == 529 ? 503 : status, provider: provider,
                                      message: message.isEmpty ? "HTTP \(status)" : message,
                                      code: parsed?.error.type, retryAfter: UpstreamClient.retryAfter(headers))
        }
    }
}

/// Anthropic's HTTP error body: `{"type": "error", "error": {"type", "message"}}`.
struct AnthropicErrorBody: Decodable {
    var error: AnthropicStreamEvent.APIError
}
