import Foundation
import StrataCore
import StrataEngine
import StrataRetrieval

/// Strata's own CPU engine behind the provider interface: GGUF chat models (chat template
/// from the model's metadata, or the raw prompt for `/v1/completions`) and the built-in
/// sentence embedder.
public struct LocalProvider: ChatProvider, EmbeddingProvider {
    let cache: LocalModelCache
    let time: any TimeSource
    static let defaultMaxTokens = 512

    public init(cache: LocalModelCache, time: any TimeSource = SystemTimeSource()) {
        self.cache = cache
        self.time = time
    }

    public func complete(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChatCompletionResponse {
        let (model, prompt, parameters, toolMode) = try await prepare(request, on: deployment)
        var choices: [ChatCompletionResponse.Choice] = []
        var promptTokens = 0
        var completionTokens = 0
        var cachedTokens = 0
        for index in 0..<max(1, request.n ?? 1) {
            var text = ""
            var logprobs: [TokenLogprob] = []
            var finish: FinishReason?
            var choiceParameters = parameters
            if let seed = parameters.seed { choiceParameters.seed = seed &+ UInt64(index) }
            do {
                for try await chunk in model.generate(prompt: prompt, parameters: choiceParameters) {
                    text += chunk.text
                    logprobs += chunk.logprobs
                    if let reason = chunk.finishReason {
                        finish = reason
                        promptTokens = chunk.promptTokens
                        completionTokens += chunk.completionTokens
                        if index == 0 { cachedTokens = chunk.cachedPromptTokens }
                    }
                }
            } catch {
                throw Self.providerError(error, deployment: deployment)
            }
            if toolMode, finish != .length, let call = LocalToolCalling.toolCall(from: text) {
                choices.append(.init(index: index, message: ChatMessage(role: "assistant", content: nil, toolCalls: [call]),
                                     finishReason: "tool_calls"))
                continue
            }
            choices.append(.init(index: index, message: .text("assistant", text), finishReason: finish?.rawValue ?? "stop",
                                 logprobs: request.logprobs == true ? Self.logprobsJSON(logprobs) : nil))
        }
        return ChatCompletionResponse(id: Identifier.make(prefix: "chatcmpl-"), created: Int(time.now()), model: request.model,
                                      choices: choices, usage: Self.usage(promptTokens, completionTokens, cached: cachedTokens))
    }

    public func stream(_ request: ChatCompletionRequest, on deployment: Deployment) async throws -> ChunkStream {
        if (request.n ?? 1) > 1 {
            throw ProviderError(kind: .badRequest, provider: Self.name(deployment),
                                message: "streaming with n > 1 is not supported by the local engine")
        }
        let (model, prompt, parameters, toolMode) = try await prepare(request, on: deployment)
        let id = Identifier.make(prefix: "chatcmpl-")
        let created = Int(time.now())
        let publicModel = request.model
        let wantLogprobs = request.logprobs == true
        let generation = model.generate(prompt: prompt, parameters: parameters)
        return ChunkStream { continuation in
            let task = Task {
                func chunk(_ delta: ChatCompletionChunk.Delta, finish: String? = nil, logprobs: JSONValue? = nil) -> ChatCompletionChunk {
                    ChatCompletionChunk(id: id, created: created, model: publicModel,
                                        choices: [.init(index: 0, delta: delta, finishReason: finish, logprobs: logprobs)])
                }
                continuation.yield(chunk(.init(role: "assistant", content: "")))
                var toolText = ""
                do {
                    for try await piece in generation {
                        let logprobs = wantLogprobs && !piece.logprobs.isEmpty ? Self.logprobsJSON(piece.logprobs) : nil
                        if toolMode {
                            // A tool call is sent whole once it is complete (it names one function).
                            toolText += piece.text
                        } else if !piece.text.isEmpty || logprobs != nil {
                            continuation.yield(chunk(.init(content: piece.text), logprobs: logprobs))
                        }
                        if let reason = piece.finishReason {
                            if toolMode, reason != .length, let call = LocalToolCalling.toolCall(from: toolText) {
                                var delta = ChatCompletionChunk.Delta()
                                delta.toolCalls = [.init(index: 0, id: call.id, name: call.function.name, arguments: call.function.arguments)]
                                continuation.yield(chunk(delta))
                                continuation.yield(chunk(.init(), finish: "tool_calls"))
                            } else {
                                if toolMode { continuation.yield(chunk(.init(content: toolText))) }
                                continuation.yield(chunk(.init(), finish: reason.rawValue))
                            }
                            continuation.yield(ChatCompletionChunk(
                                id: id, created: created, model: publicModel, choices: [],
                                usage: Self.usage(piece.promptTokens, piece.completionTokens, cached: piece.cachedPromptTokens)))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Self.providerError(error, deployment: deployment))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func embed(_ request: EmbeddingRequest, on deployment: Deployment) async throws -> EmbeddingResponse {
        guard let path = deployment.path, LocalModelCache.isEmbedderDirectory(path) else {
            throw ProviderError(kind: .badRequest, provider: Self.name(deployment),
                                message: "model '\(deployment.publicModel)' is a chat model, not an embedding model")
        }
        if request.input.tokens != nil {
            throw ProviderError(kind: .badRequest, provider: Self.name(deployment),
                                message: "the local embedder takes text input, not token arrays")
        }
        let embedder: SentenceEmbedder
        do {
            embedder = try await cache.embedder(at: path)
        } catch {
            throw ProviderError(kind: .serverError, provider: Self.name(deployment),
                                message: "cannot load the embedding model at \(path): \(error)")
        }
        let texts = request.input.texts
        let vectors = try await embedder.embedOnDedicatedThread(texts)
        let tokens = texts.reduce(0) { $0 + embedder.tokenCount($1) + 2 }
        return EmbeddingResponse(data: vectors.enumerated().map { .init(index: $0.offset, embedding: $0.element) },
                                 model: request.model, usage: .init(promptTokens: tokens))
    }

    /// The model, the rendered prompt, the sampling parameters, and whether the answer is a
    /// constrained tool call (see `LocalToolCalling`).
    func prepare(_ request: ChatCompletionRequest, on deployment: Deployment) async throws
        -> (LocalModel, String, SamplingParameters, toolMode: Bool)
    {
        let provider = Self.name(deployment)
        let toolPlan = try LocalToolCalling.plan(for: request, provider: provider)
        let constraint = try toolPlan?.grammar ?? Self.constraint(for: request.responseFormat, provider: provider)
        guard let path = deployment.path else {
            throw ProviderError(kind: .badRequest, provider: provider, message: "local deployment has no path")
        }
        let model: LocalModel
        do {
            model = try await cache.chatModel(at: path, exactBatching: deployment.exactBatching,
                                              kvCacheMemory: deployment.kvCacheMemory)
        } catch {
            throw ProviderError(kind: .serverError, provider: provider, message: "cannot load the model at \(path): \(error)")
        }
        let prompt: String
        if let raw = request.rawPrompt {
            prompt = raw
        } else {
            var turns = request.messages.map { ChatTurn(role: $0.role == "developer" ? "system" : $0.role,
                                                        content: $0.content?.plainText ?? "") }
            if let toolPlan { turns.insert(ChatTurn(role: "system", content: toolPlan.instructions), at: 0) }
            do {
                prompt = try model.renderChat(turns, addGenerationPrompt: true)
            } catch {
                throw ProviderError(kind: .badRequest, provider: provider, message: "cannot apply the chat template: \(error)")
            }
        }
        var parameters = SamplingParameters()
        parameters.temperature = Float(request.temperature ?? 1)
        parameters.topP = Float(request.topP ?? 1)
        parameters.presencePenalty = Float(request.presencePenalty ?? 0)
        parameters.frequencyPenalty = Float(request.frequencyPenalty ?? 0)
        parameters.seed = request.seed.map { UInt64(bitPattern: Int64($0)) }
        parameters.maxTokens = request.outputTokenLimit ?? Self.defaultMaxTokens
        parameters.stop = request.stop?.values ?? []
        if request.logprobs == true { parameters.topLogprobs = request.topLogprobs ?? 0 }
        if let extra = request.extra["top_k"]?.doubleValue { parameters.topK = Int(extra) }
        if let extra = request.extra["min_p"]?.doubleValue { parameters.minP = Float(extra) }
        if let extra = request.extra["repetition_penalty"]?.doubleValue { parameters.repetitionPenalty = Float(extra) }
        parameters.draftTokens = deployment.draftTokens
        parameters.constraint = constraint
        if request.extra["ignore_eos"]?.boolValue == true { parameters.ignoreEOS = true }
        if let extra = request.extra["draft_tokens"]?.doubleValue { parameters.draftTokens = max(0, min(15, Int(extra))) }
        return (model, prompt, parameters, toolPlan != nil)
    }

    static func name(_ deployment: Deployment) -> String { "local:\(deployment.id)" }

    /// `response_format` as a decoding constraint: `json_object` allows any JSON object,
    /// `json_schema` compiles the schema (objects, arrays, enums, const, anyOf, $ref, …) and
    /// refuses keywords it cannot enforce (pattern, minimum, …) with a 400 naming them.
    /// Properties come out in the schema's key order as the request's JSON gives it to us
    /// (sorted: the wire format does not keep order).
    static func constraint(for format: ResponseFormat?, provider: String) throws -> (any TokenConstraintSource)? {
        guard let format else { return nil }
        switch format.type {
        case "text":
            return nil
        case "json_object":
            return JSONSchemaGrammar.anyObject
        case "json_schema":
            guard let schema = format.jsonSchema?.schema else {
                throw ProviderError(kind: .badRequest, provider: provider, message: "response_format.json_schema.schema is required")
            }
            do {
                return try JSONSchemaGrammar(schemaJSON: Array(schema.jsonString().utf8))
            } catch {
                throw ProviderError(kind: .badRequest, provider: provider,
                                    message: "response_format.json_schema cannot be enforced by the local engine: \(error)")
            }
        default:
            throw ProviderError(kind: .badRequest, provider: provider,
                                message: "response_format type '\(format.type)' is not supported (text, json_object, json_schema)")
        }
    }

    /// Usage as OpenAI reports it, with the prompt tokens served from the prefix cache.
    static func usage(_ prompt: Int, _ completion: Int, cached: Int) -> Usage {
        var usage = Usage(promptTokens: prompt, completionTokens: completion)
        usage.promptTokensDetails = .object(["cached_tokens": .number(Double(cached))])
        return usage
    }

    static func providerError(_ error: any Error, deployment: Deployment) -> ProviderError {
        if let error = error as? ProviderError { return error }
        if let engine = error as? EngineError, case .promptTooLong = engine {
            return ProviderError(kind: .contextWindowExceeded, provider: name(deployment), message: engine.description)
        }
        if error is CancellationError {
            return ProviderError(kind: .streamInterrupted, provider: name(deployment), message: "cancelled")
        }
        return ProviderError(kind: .serverError, provider: name(deployment), message: "\(error)")
    }

    /// OpenAI's `logprobs` object: `{"content": [{token, logprob, bytes, top_logprobs}]}`.
    static func logprobsJSON(_ items: [TokenLogprob]) -> JSONValue {
        func entry(_ token: String, _ logprob: Float, _ bytes: [UInt8]) -> [String: JSONValue] {
            ["token": .string(token), "logprob": .number(Double(logprob)), "bytes": .array(bytes.map { .number(Double($0)) })]
        }
        return ["content": .array(items.map { item in
            var object = entry(item.token, item.logprob, item.bytes)
            object["top_logprobs"] = .array(item.top.map { .object(entry($0.token, $0.logprob, $0.bytes)) })
            return .object(object)
        })]
    }
}
