import Foundation
import NIOHTTP1
import StrataCore

/// OpenAI and every server that speaks its API (Azure OpenAI, vLLM, Ollama, llama.cpp server,
/// Groq, Together, Mistral, DeepSeek, OpenRouter): the request passes through nearly as-is.
public struct OpenAIProvider: ChatProvider, EmbeddingProvider, HealthProbing {
    let client: UpstreamClient

    public init(client: UpstreamClient) {
        self.client = client
    }

    public func complete(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChatCompletionResponse {
        if let prompt = request.rawPrompt { return try await completeText(request, prompt: prompt, on: deployment) }
        var upstream = request
        upstream.model = deployment.upstreamModel
        upstream.stream = nil
        upstream.streamOptions = nil
        let data = try await client.postJSON(
            url: url(deployment, path: "chat/completions"), headers: headers(deployment), body: try JSONEncoder().encode(upstream),
            deployment: deployment, provider: name(deployment), readError: readError(deployment))
        do {
            return try JSONDecoder().decode(ChatCompletionResponse.self, from: data)
        } catch {
            throw ProviderError(kind: .serverError, provider: name(deployment),
                                message: "unreadable response: \(error) — body: \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
    }

    public func stream(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChunkStream {
        if let prompt = request.rawPrompt { return try await streamText(request, prompt: prompt, on: deployment) }
        var upstream = request
        upstream.model = deployment.upstreamModel
        upstream.stream = true
        // Always ask for usage so cost can be recorded; the gateway hides it from clients that did not ask.
        upstream.streamOptions = StreamOptions(includeUsage: true)
        let provider = name(deployment)
        let events = try await client.postStream(
            url: url(deployment, path: "chat/completions"), headers: headers(deployment),
            body: try JSONEncoder().encode(upstream), deployment: deployment, provider: provider,
            readError: readError(deployment))
        return EventRelay.relay(events, initial: ()) { _, event in
            if event.data == "[DONE]" { return .done([]) }
            let data = Data(event.data.utf8)
            if let chunk = try? JSONDecoder().decode(ChatCompletionChunk.self, from: data) { return .chunks([chunk]) }
            if let body = try? JSONDecoder().decode(ErrorBody.self, from: data) {
                throw ProviderError(kind: .streamInterrupted, provider: provider, message: body.error.message)
            }
            throw ProviderError(kind: .streamInterrupted, provider: provider,
                                message: "unreadable stream event: \(event.data.prefix(300))")
        }
    }

    public func embed(_ request: EmbeddingRequest, on deployment: Deployment) async throws -> EmbeddingResponse {
        var upstream = request
        upstream.model = deployment.upstreamModel
        upstream.encodingFormat = "float"
        let data = try await client.postJSON(
            url: url(deployment, path: "embeddings"), headers: headers(deployment), body: try JSONEncoder().encode(upstream),
            deployment: deployment, provider: name(deployment), readError: readError(deployment))
        do {
            return try JSONDecoder().decode(EmbeddingResponse.self, from: data)
        } catch {
            throw ProviderError(kind: .serverError, provider: name(deployment), message: "unreadable embeddings response: \(error)")
        }
    }

    public func probe(_ deployment: Deployment) async throws {
        try await client.get(url: url(deployment, path: "models"), headers: headers(deployment),
                             timeout: deployment.timeouts.connect, provider: name(deployment))
    }

    func name(_ deployment: Deployment) -> String { "\(deployment.kind.rawValue):\(deployment.id)" }

    func url(_ deployment: Deployment, path: String) -> String {
        if deployment.kind == .azure {
            let version = deployment.apiVersion ?? "2024-10-21"
            if path == "models" {
                return "\(deployment.trimmedBaseURL)/openai/models?api-version=\(version)"
            }
            return "\(deployment.trimmedBaseURL)/openai/deployments/\(deployment.upstreamModel)/\(path)?api-version=\(version)"
        }
        return "\(deployment.trimmedBaseURL)/\(path)"
    }

    func headers(_ deployment: Deployment) -> [(String, String)] {
        var list: [(String, String)] = []
        if let key = deployment.apiKey, !key.isEmpty {
            list.append(deployment.kind == .azure ? ("api-key", key) : ("authorization", "Bearer \(key)"))
        }
        list += deployment.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return list
    }

    func readError(_ deployment: Deployment) -> UpstreamClient.ErrorReader {
        let provider = name(deployment)
        return { status, body, headers in
            let parsed = try? JSONDecoder().decode(ErrorBody.self, from: body)
            let message = parsed?.error.message ?? String(decoding: body.prefix(1000), as: UTF8.self)
            return ProviderError.from(status: status, provider: provider,
                                      message: message.isEmpty ? "HTTP \(status)" : message,
                                      code: parsed?.error.code, retryAfter: UpstreamClient.retryAfter(headers))
        }
    }
}

extension OpenAIProvider {
    /// `/v1/completions` passthrough for requests that came in as raw-prompt completions.
    func completeText(_ request: ChatCompletionRequest, prompt: String, on deployment: Deployment) async throws
        -> ChatCompletionResponse
    {
        let body = TextCompletionBridge.upstreamBody(request, prompt: prompt, model: deployment.upstreamModel, stream: false)
        let data = try await client.postJSON(
            url: url(deployment, path: "completions"), headers: headers(deployment), body: try JSONEncoder().encode(body),
            deployment: deployment, provider: name(deployment), readError: readError(deployment))
        do {
            return TextCompletionBridge.chatResponse(try JSONDecoder().decode(CompletionResponse.self, from: data))
        } catch {
            throw ProviderError(kind: .serverError, provider: name(deployment), message: "unreadable completion: \(error)")
        }
    }

    func streamText(_ request: ChatCompletionRequest, prompt: String, on deployment: Deployment) async throws -> ChunkStream {
        let provider = name(deployment)
        let body = TextCompletionBridge.upstreamBody(request, prompt: prompt, model: deployment.upstreamModel, stream: true)
        let events = try await client.postStream(
            url: url(deployment, path: "completions"), headers: headers(deployment), body: try JSONEncoder().encode(body),
            deployment: deployment, provider: provider, readError: readError(deployment))
        return EventRelay.relay(events, initial: ()) { _, event in
            if event.data == "[DONE]" { return .done([]) }
            guard let chunk = try? JSONDecoder().decode(CompletionResponse.self, from: Data(event.data.utf8)) else {
                throw ProviderError(kind: .streamInterrupted, provider: provider,
                                    message: "unreadable stream event: \(event.data.prefix(300))")
            }
            return .chunks([TextCompletionBridge.chatChunk(chunk)])
        }
    }
}
