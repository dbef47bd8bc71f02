import Foundation
import StrataCore

/// Google Gemini's `generateContent` / `streamGenerateContent` API.
public struct GeminiProvider: ChatProvider, HealthProbing {
    let client: UpstreamClient
    let time: any TimeSource

    public init(client: UpstreamClient, time: any TimeSource = SystemTimeSource()) {
        self.client = client
        self.time = time
    }

    public func complete(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChatCompletionResponse {
        let provider = name(deployment)
        let data = try await client.postJSON(
            url: url(deployment, method: "generateContent"), headers: headers(deployment),
            body: try JSONEncoder().encode(GeminiTranslator.request(request)), deployment: deployment,
            provider: provider, readError: Self.readError(provider))
        let response: GeminiResponse
        do {
            response = try JSONDecoder().decode(GeminiResponse.self, from: data)
        } catch {
            throw ProviderError(kind: .serverError, provider: provider, message: "unreadable response: \(error)")
        }
        if let reason = response.promptFeedback?.blockReason, response.candidates?.isEmpty ?? true {
            throw ProviderError(kind: .contentFilter, provider: provider, message: "prompt blocked: \(reason)")
        }
        return GeminiTranslator.response(response, model: request.model, created: Int(time.now()))
    }

    public func stream(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChunkStream {
        let provider = name(deployment)
        let events = try await client.postStream(
            url: url(deployment, method: "streamGenerateContent") + "?alt=sse", headers: headers(deployment),
            body: try JSONEncoder().encode(GeminiTranslator.request(request)), deployment: deployment,
            provider: provider, readError: Self.readError(provider))
        let start = GeminiStreamDecoder(model: request.model, created: Int(time.now()))
        return EventRelay.relay(events, initial: start, step: { decoder, event in
            let data = Data(event.data.utf8)
            if let response = try? JSONDecoder().decode(GeminiResponse.self, from: data),
               response.candidates != nil || response.usageMetadata != nil {
                return .chunks(decoder.chunks(for: response))
            }
            if let body = try? JSONDecoder().decode(GeminiErrorBody.self, from: data) {
                throw ProviderError(kind: .streamInterrupted, provider: provider, message: body.error.message)
            }
            throw ProviderError(kind: .streamInterrupted, provider: provider,
                                message: "unreadable stream event: \(event.data.prefix(300))")
        }, finish: { decoder in [decoder.usageChunk()] })
    }

    public func probe(_ deployment: Deployment) async throws {
        try await client.get(url: "\(deployment.trimmedBaseURL)/v1beta/models", headers: headers(deployment),
                             timeout: deployment.timeouts.connect, provider: name(deployment))
    }

    func name(_ deployment: Deployment) -> String { "gemini:\(deployment.id)" }

    func url(_ deployment: Deployment, method: String) -> String {
        "\(deployment.trimmedBaseURL)/v1beta/models/\(deployment.upstreamModel):\(method)"
    }

    func headers(_ deployment: Deployment) -> [(String, String)] {
        var list: [(String, String)] = []
        if let key = deployment.apiKey, !key.isEmpty { list.append(("x-goog-api-key", key)) }
        list += deployment.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return list
    }

    static func readError(_ provider: String) -> UpstreamClient.ErrorReader {
        { status, body, headers in
            // Gemini streams errors as a JSON array of one object when `alt=sse` is not honoured.
            var parsed = try? JSONDecoder().decode(GeminiErrorBody.self, from: body)
            if parsed == nil { parsed = (try? JSONDecoder().decode([GeminiErrorBody].self, from: body))?.first }
            let message = parsed?.error.message ?? String(decoding: body.prefix(1000), as: UTF8.self)
            return ProviderError.from(status: status, provider: provider, message: message.isEmpty ? "HTTP \(status)" : message,
                                      code: nil, retryAfter: UpstreamClient.retryAfter(headers))
        }
    }
}
