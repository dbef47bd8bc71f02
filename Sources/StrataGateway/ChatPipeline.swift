import Foundation
import Logging
import StrataCore
import StrataGuard
import StrataProviders
import StrataStore

/// The request path for chat completions: validate → authorize the model → route (rules,
/// balancing, retries, fallbacks) → call the provider → record → respond.
/// Guards, cache and retrieval stages slot in between authorize and route as they land.
public struct ChatPipeline: Sendable {
    public let router: ChatRouter
    public let recorder: TraceRecorder
    let metrics: GatewayMetrics
    let time: any TimeSource
    let traceBodyLimit: Int
    /// Guard refusals are audited; nil in tests that do not need the log.
    let audit: AuditLog?
    /// Attaches retrieved sources when a request or key names collections; nil without a knowledge base.
    let retrieval: RetrievalStage?
    /// Counts guard verdicts short of a refusal for the audit chain; nil in tests that do not need it.
    let tally: AuditTally?

    public init(router: ChatRouter, recorder: TraceRecorder, metrics: GatewayMetrics, time: any TimeSource,
                traceBodyLimit: Int, audit: AuditLog? = nil, retrieval: RetrievalStage? = nil, tally: AuditTally? = nil) {
        self.audit = audit
        self.retrieval = retrieval
        self.tally = tally
        self.router = router
        self.recorder = recorder
        self.metrics = metrics
        self.time = time
        self.traceBodyLimit = traceBodyLimit
    }

    /// The same pipeline with a retrieval stage (built after the knowledge base, which embeds
    /// through a pipeline without one).
    public func with(retrieval: RetrievalStage) -> ChatPipeline {
        ChatPipeline(router: router, recorder: recorder, metrics: metrics, time: time, traceBodyLimit: traceBodyLimit,
                     audit: audit, retrieval: retrieval, tally: tally)
    }

    /// A whole response (with its JSON, encoded once for both the client and the trace) or a
    /// stream of chunks; either with the headers to send (`x-ratelimit-*` when limits apply).
    public enum Outcome: Sendable {
        case response(ChatCompletionResponse, encoded: Data, headers: [(String, String)])
        case stream(ChunkStream, headers: [(String, String)])
    }

    public func chat(_ original: ChatCompletionRequest, context: CallContext) async throws -> Outcome {
        var request = original
        var trace = TraceRecord(id: context.traceID, createdAt: context.startedAt, endpoint: context.endpoint,
                                modelRequested: request.model)
        trace.keyID = context.key?.id
        trace.keyName = context.key?.name
        trace.user = request.user
        trace.stream = request.isStreaming
        trace.metadata = request.metadata
        trace.requestBody = clip(context.rawRequestBody ?? encode(request))
        do {
            try RequestValidator.validate(request)
            if let key = context.key, !key.allows(model: request.model) {
                throw StrataError.modelNotAllowed(request.model)
            }
            var guardInput: GuardStage.InputResult?
            let guardStage = router.catalog.catalog.guards
            let estimate = TokenEstimator.estimate(request) + (request.outputTokenLimit ?? 256) * max(1, request.n ?? 1)
            let permit = try await guardStage?.admit(request, context: context, estimatedTokens: estimate)
            var reservation: BudgetReservation?
            var settledByStream = false
            defer {
                // Requests that end here (errors, whole answers) settle now; a stream settles when it ends.
                if !settledByStream, let guardStage, permit != nil || reservation != nil {
                    let (usd, used) = (trace.cost, trace.promptTokens + trace.completionTokens)
                    Task { [reservation, self] in
                        await record(await guardStage.settle(permit, reservation, usd: usd, tokens: used))
                    }
                }
            }
            if let guardStage, guardStage.ledger != nil {
                let catalog = router.catalog.catalog
                let target = router.target(for: RoutingRuleMatcher.Features(request: request, keyName: context.key?.name))
                let prices = router.prices.prices(of: catalog.deployments(of: target)).values
                // The dearest deployment's price: the estimate must not be beaten by where the router sends it.
                let promptTokens = TokenEstimator.estimate(request)
                let completionTokens = estimate - promptTokens
                let usd = prices.map { $0.cost(promptTokens: promptTokens, completionTokens: completionTokens) }.max() ?? 0
                let (reserved, alerts) = try await guardStage.reserve(request, context: context,
                                                                      estimate: BudgetAmount(usd: usd, tokens: Int64(estimate)))
                reservation = reserved
                await record(alerts)
            }
            if let judge = InjectionJudge.configured(for: .input, pipeline: self, context: context),
               let index = request.messages.lastIndex(where: { $0.role == "user" }),
               let text = request.messages[index].content?.plainText, !text.isEmpty,
               try await judge.judge(text, context: context) == true {
                let error = StrataError(status: 400, type: "invalid_request_error", code: "guard_blocked",
                                        message: "The request was blocked by a guard: prompt injection (judged by \(judge.model)).",
                                        param: "messages[\(index)].content")
                trace.guards = .array([.object(["guardName": "injection_judge", "verdict": .object(["block": .object([:])])])])
                await auditBlock(error, trace: trace, model: request.model, context: context)
                throw error
            }
            let attachment = Self.internalEndpoints.contains(context.endpoint)
                ? nil : try await retrieval?.attach(request, context: context, pipeline: self)
            if let attachment {
                request = attachment.request
                trace.metadata = (trace.metadata ?? [:]).merging(["strata.retrieval": Self.retrievalTrace(attachment)]) { $1 }
                // Trace readers need not share the caller's ACLs: retrieved text stays out of the trace.
                trace.requestBody = clip(encode(Self.withoutSources(request, attachment)))
            }
            // The injection judge's own prompt quotes the suspect text; it is Strata's request, not the caller's.
            if let guards = guardStage, context.endpoint != InjectionJudge.endpoint {
                do {
                    let checked = try await guards.checkInput(request, context: context,
                                                              untrusted: attachment?.sourcesMessage.map { [$0] } ?? [])
                    trace.guards = GuardStage.traceJSON(checked.results)
                    request = checked.request
                    guardInput = checked
                    // The trace keeps what the provider saw, never the redacted values (nor retrieved text).
                    trace.requestBody = clip(encode(attachment.map { Self.withoutSources(request, $0) } ?? request))
                } catch let error as GuardStage.Blocked {
                    trace.guards = GuardStage.traceJSON(error.results)
                    trace.requestBody = nil
                    await auditBlock(error.error, trace: trace, model: request.model, context: context)
                    throw error.error
                }
            }
            let features = RoutingRuleMatcher.Features(request: request, keyName: context.key?.name)
            let model = router.target(for: features)
            if model != request.model, let key = context.key, !key.allows(model: model) {
                throw StrataError.modelNotAllowed(model)
            }
            let routedRequest = request
            if request.isStreaming {
                let routed = try await router.run(model: model, estimatedPromptTokens: features.promptTokens) { deployment in
                    var upstream = routedRequest
                    upstream.model = deployment.publicModel
                    let provider = try router.chatProvider(for: deployment)
                    return try await StreamPrimer.prime(try await provider.stream(upstream, on: deployment))
                }
                trace.modelUsed = routed.model
                trace.deployment = routed.deployment.id
                trace.provider = routed.deployment.kind.rawValue
                trace.attempts = routed.attempts
                let price = router.prices.price(of: routed.deployment)
                let observer = StreamObserver(trace: trace, price: price, publicModel: request.model,
                                              includeUsage: request.streamOptions?.includeUsage ?? false,
                                              pipeline: self, outputGuard: guardInput.map { $0.pipeline.outputStream(vault: $0.vault) },
                                              settle: settlement(permit, reservation, with: guardStage))
                settledByStream = true
                let stream = observer.observe(routed.value)
                guard let attachment, !attachment.citations.isEmpty else {
                    return .stream(stream, headers: permit?.status.headers ?? [])
                }
                return .stream(Self.annotatingFirstChunk(stream, with: attachment.responseJSON), headers: permit?.status.headers ?? [])
            }
            let routed = try await router.run(model: model, estimatedPromptTokens: features.promptTokens) { deployment in
                var upstream = routedRequest
                upstream.model = deployment.publicModel
                return try await router.chatProvider(for: deployment).complete(upstream, on: deployment)
            }
            var response = routed.value
            response.model = request.model
            if let attachment, !attachment.citations.isEmpty { response.strata = attachment.responseJSON }
            var quarantineBlocked: [String] = []
            if let store = attachment?.quarantine {
                let policy = guardStage?.configuration.dataFlow ?? DataFlowPolicy(defaultRule: .init(onViolation: .block))
                (response, quarantineBlocked) = QuarantineStage.release(response, store: store, policy: policy)
            }
            var providerAnswer: String?
            if let guardInput {
                // The trace keeps the provider's answer, placeholders and all; the user gets values restored.
                providerAnswer = encode(response)
                let (checked, results) = GuardStage.checkOutput(response, input: guardInput)
                response = checked
                if let found = GuardStage.traceJSON(guardInput.results + results) { trace.guards = found }
            }
            trace.modelUsed = routed.model
            trace.deployment = routed.deployment.id
            trace.provider = routed.deployment.kind.rawValue
            trace.attempts = routed.attempts
            if !quarantineBlocked.isEmpty {
                trace.metadata = (trace.metadata ?? [:]).merging(
                    ["strata.quarantine": .object(["blocked_tool_calls": .array(quarantineBlocked.map(JSONValue.string))])]) { $1 }
            }
            trace.promptTokens = response.usage?.promptTokens ?? 0
            trace.completionTokens = response.usage?.completionTokens ?? 0
            let price = router.prices.price(of: routed.deployment)
            trace.cost = price?.cost(promptTokens: trace.promptTokens, completionTokens: trace.completionTokens) ?? 0
            let encoded = Self.encoder.encodeOrEmpty(response)
            trace.responseBody = clip(providerAnswer ?? String(decoding: encoded, as: UTF8.self))
            await finish(trace)
            return .response(response, encoded: encoded, headers: permit?.status.headers ?? [])
        } catch let failure as ChatRouter.Failure {
            trace.attempts = failure.attempts
            await fail(trace, with: failure.error)
            throw failure.error
        } catch let error as StrataError {
            await fail(trace, with: error)
            throw error
        } catch is CancellationError {
            await fail(trace, with: StrataError(status: 499, type: "api_error", code: "client_closed",
                                                message: "The client closed the connection."))
            throw CancellationError()
        }
    }

    /// A guard refusal, for the audit chain (without the refused text).
    func auditBlock(_ error: StrataError, trace: TraceRecord, model: String, context: CallContext) async {
        await audit?.record(actor: "key:" + GuardStage.keyScopeName(context), action: "guard.block", subject: "trace:\(trace.id)",
                            details: ["model": model, "reason": error.message, "field": error.param ?? ""])
    }

    /// Requests Strata makes for itself (reranking, the quarantined reader, the injection
    /// judge) carry retrieved text in their prompts and answers: they never retrieve or judge
    /// again, and their traces keep no bodies, since a trace reader need not share the
    /// caller's ACLs.
    static let internalEndpoints: Set<String> = ["knowledge.rerank", "knowledge.quarantine", InjectionJudge.endpoint]

    static func withoutInternalBodies(_ trace: TraceRecord) -> TraceRecord {
        guard internalEndpoints.contains(trace.endpoint) else { return trace }
        var trace = trace
        trace.requestBody = nil
        trace.responseBody = nil
        return trace
    }

    /// Guard verdicts short of a refusal (flags, redactions) are counted for the audit chain;
    /// refusals are audited one by one where they happen.
    func tallyVerdicts(_ trace: TraceRecord) async {
        guard let tally, let results = trace.guards?.arrayValue else { return }
        let actor = trace.keyName.map { "key:\($0)" } ?? "master"
        for result in results {
            guard let kind = result["verdict"]?.objectValue?.keys.sorted().first, kind != "block", kind != "allow" else { continue }
            await tally.note(actor: actor, action: "guard.\(kind)", subject: "guard:\(result["guardName"]?.stringValue ?? "guard")")
        }
    }

    /// Budget alerts (a soft threshold crossed, a cap reached) go to the log and the audit chain.
    func record(_ alerts: [BudgetAlert]) async {
        for alert in alerts {
            let percent = String(format: "%.0f%%", alert.fraction * 100)
            router.logger.warning("budget alert", metadata: [
                "scope": "\(alert.scope)", "period": "\(alert.period.rawValue)", "level": "\(alert.level.rawValue)", "spent": "\(percent)",
            ])
            await audit?.record(actor: "system", action: "budget.\(alert.level.rawValue)", subject: "\(alert.scope)",
                                details: ["period": alert.period.rawValue, "spent": percent])
        }
    }

    /// What the trace keeps of retrieval: which documents were cited, never their text.
    static func retrievalTrace(_ attachment: RetrievalStage.Attachment) -> JSONValue {
        .object([
            "citations": .array(attachment.citations.map { .string($0.collection + "/" + $0.documentID + "#" + $0.chunkID) }),
            "dropped_as_injection": .number(Double(attachment.droppedChunks)),
        ])
    }

    /// The request with its sources message replaced by a note naming what was cited.
    static func withoutSources(_ request: ChatCompletionRequest, _ attachment: RetrievalStage.Attachment) -> ChatCompletionRequest {
        guard let index = attachment.sourcesMessage, request.messages.indices.contains(index) else { return request }
        var copy = request
        copy.messages[index].content = .text("[\(attachment.citations.count) retrieved sources, not kept in traces; cited in metadata strata.retrieval]")
        return copy
    }

    /// The stream with Strata's additions (citations) on its first chunk.
    static func annotatingFirstChunk(_ stream: ChunkStream, with strata: JSONValue) -> ChunkStream {
        AsyncThrowingStream { continuation in
            let task = Task {
                var first = true
                do {
                    for try await var chunk in stream {
                        if first { chunk.strata = strata; first = false }
                        continuation.yield(chunk)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The closure a stream calls with its cost and tokens, to settle its permit and reservation.
    func settlement(_ permit: RateLimitPermit?, _ reservation: BudgetReservation?, with stage: GuardStage?)
        -> (@Sendable (Double, Int) async -> Void)?
    {
        guard let stage, permit != nil || reservation != nil else { return nil }
        return { usd, used in await self.record(await stage.settle(permit, reservation, usd: usd, tokens: used)) }
    }

    func fail(_ trace: TraceRecord, with error: StrataError) async {
        await tallyVerdicts(trace)
        var trace = Self.withoutInternalBodies(trace)
        trace.status = error.status
        trace.errorCode = error.code
        trace.errorMessage = error.message
        await finish(trace)
    }

    /// Completes a trace's timing and hands it to the recorder and the metrics.
    func finish(_ trace: TraceRecord) async {
        await tallyVerdicts(trace)
        var trace = Self.withoutInternalBodies(trace)
        trace.latencyMilliseconds = (time.now() - trace.createdAt) * 1000
        // Only configured model names become metric labels: a client must not be able to grow
        // /metrics without bound by sending made-up names.
        let model = router.catalog.catalog.models[trace.modelRequested] != nil ? trace.modelRequested : "_unknown"
        metrics.requestFinished(endpoint: trace.endpoint, model: model, status: trace.status,
                                seconds: trace.latencyMilliseconds / 1000)
        if let ttft = trace.timeToFirstTokenMilliseconds {
            metrics.timeToFirstToken(model: model, seconds: ttft / 1000)
        }
        if let deployment = trace.deployment, trace.status < 400 {
            metrics.tokens(model: model, deployment: deployment, prompt: trace.promptTokens,
                           completion: trace.completionTokens, cost: trace.cost)
        }
        await recorder.record(trace)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    func encode<T: Encodable>(_ value: T) -> String {
        String(decoding: Self.encoder.encodeOrEmpty(value), as: UTF8.self)
    }

    /// Cuts a body to the configured size, on a character boundary.
    func clip(_ text: String) -> String? {
        guard traceBodyLimit > 0 else { return nil }
        guard text.utf8.count > traceBodyLimit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: traceBodyLimit)
        while end > text.startIndex, !text.unicodeScalars.indices.contains(end) { end = text.utf8.index(before: end) }
        return String(text[..<end]) + "…[truncated]"
    }
}

extension JSONEncoder {
    /// Encodes, or gives `{}` for the (never expected) case a wire type cannot be encoded.
    func encodeOrEmpty<T: Encodable>(_ value: T) -> Data {
        (try? encode(value)) ?? Data("{}".utf8)
    }
}
