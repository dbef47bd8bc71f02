import Foundation
import StrataCore
import StrataGuard

/// The guard stages of the pipeline: input checks before routing (block, redact or
/// pseudonymise what the provider would see) and output checks on whole answers and on
/// streams (redaction mid-stream, pseudonyms restored for the user). Policies come from
/// the `guards:` section, resolved per tenant, key, route and model.
public struct GuardStage: Sendable {
    public let configuration: GuardConfiguration
    let cache = GuardPipelineCache()
    /// Request and token rate limits per key, tenant, model and user; nil when none are configured.
    public let limiter: RateLimiter?
    /// USD and token budgets per key, tenant, model and user; nil when none are configured.
    public let ledger: BudgetLedger?
    let clock: any GuardClock

    public init(configuration: GuardConfiguration, clock: any GuardClock = SystemGuardClock()) {
        self.configuration = configuration
        let limits = configuration.rateLimits
        limiter = limits.defaults.isEmpty && limits.scopes.isEmpty ? nil : RateLimiter(clock: clock)
        ledger = configuration.budgets.limits.isEmpty ? nil : BudgetLedger(clock: clock)
        self.clock = clock
    }

    /// What has been spent by a scope since a time (from the stored traces).
    public typealias SpendLookup = @Sendable (LimitScope, Double) async throws -> BudgetAmount

    /// Loads the configured rules; budgets start from what the traces say was already spent in
    /// their current period. Call once before serving.
    public func prepare(spent: SpendLookup? = nil) async throws {
        if let limiter { await configuration.rateLimits.apply(to: limiter) }
        guard let ledger else { return }
        await configuration.budgets.apply(to: ledger)
        guard let spent else { return }
        for limit in configuration.budgets.limits {
            let since = limit.period.start(containing: clock.now()).timeIntervalSince1970
            await ledger.seed(scope: limit.scope, period: limit.period, spent: try await spent(limit.scope, since))
        }
    }

    /// The scopes a request counts against.
    func scopes(_ request: ChatCompletionRequest, context: CallContext) -> [LimitScope] {
        var scopes: [LimitScope] = [.key(Self.keyScopeName(context)), .model(request.model)]
        if let tenant = context.key?.metadata["tenant"] { scopes.append(.tenant(tenant)) }
        if let user = request.user { scopes.append(.user(user)) }
        return scopes
    }

    /// The key scope's id: the virtual key's name, or `master` / `anonymous`.
    public static func keyScopeName(_ context: CallContext) -> String {
        context.key?.name ?? (context.isAdmin ? "master" : "anonymous")
    }

    /// Reserves the request's estimated cost against every budget it counts against, or
    /// throws a 429 naming the budget that is spent.
    /// Reserves the estimate against every budget in scope; also returns budgets that crossed
    /// their soft threshold (each once per period), for the audit log.
    public func reserve(_ request: ChatCompletionRequest, context: CallContext, estimate: BudgetAmount) async throws
        -> (BudgetReservation?, [BudgetAlert])
    {
        guard let ledger else { return (nil, []) }
        switch await ledger.reserve(scopes(request, context: context), estimate: estimate) {
        case .reserved(let reservation, let alerts):
            return (reservation, alerts)
        case .exhausted(let exhaustion):
            let wait = exhaustion.resetsAt.map { max(1, Int(($0.timeIntervalSince1970 - clock.now().timeIntervalSince1970).rounded(.up))) }
            throw StrataError(status: 429, type: "rate_limit_error", code: "budget_exceeded",
                              message: "The \(exhaustion.period.rawValue) budget of \(exhaustion.scope) is spent"
                                  + (exhaustion.resetsAt.map { "; it resets at \(ISO8601DateFormatter().string(from: $0))" } ?? "") + ".",
                              retryAfter: wait)
        }
    }

    /// Takes a rate-limit permit for the request, or throws a 429 naming the limit that was hit.
    public func admit(_ request: ChatCompletionRequest, context: CallContext, estimatedTokens: Int) async throws
        -> RateLimitPermit?
    {
        guard let limiter else { return nil }
        switch await limiter.acquire(scopes(request, context: context), estimatedTokens: estimatedTokens) {
        case .allowed(let permit):
            return permit
        case .limited(let hit):
            let unit = hit.limit == .concurrent ? "concurrent requests" : "\(hit.limit.rawValue) per minute"
            throw StrataError.rateLimited("Rate limit reached for \(hit.scope) (\(unit)). Retry after \(Int(hit.retryAfter.rounded(.up))) s.",
                                          retryAfter: max(1, Int(hit.retryAfter.rounded(.up))))
        }
    }

    /// Settles a finished request: the rate-limit permit with the tokens used, the budget
    /// reservation with the actual cost.
    @discardableResult
    public func settle(_ permit: RateLimitPermit?, _ reservation: BudgetReservation?, usd: Double, tokens: Int) async -> [BudgetAlert] {
        if let permit, let limiter { await limiter.release(permit, actualTokens: tokens) }
        guard let reservation, let ledger else { return [] }
        return await ledger.settle(reservation, actual: BudgetAmount(usd: usd, tokens: Int64(tokens)))
    }

    /// Decodes the raw `guards:` section; nil when there is none.
    public static func make(from section: JSONValue?, file: String = "strata.yaml") throws -> GuardStage? {
        guard let section else { return nil }
        let configuration: GuardConfiguration
        do {
            let data = try JSONEncoder().encode(section)
            configuration = try JSONDecoder().decode(GuardConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw ConfigError(file: file, issues: [issue(error)])
        }
        // The guard types decode leniently; a key they did not read would be silently ignored.
        // Everything they read they write back, so a key missing from the round trip is a typo.
        let understood = (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(configuration))) ?? .null
        let unknown = unknownKeys(in: section, comparedWith: understood, path: "guards")
        if !unknown.isEmpty {
            throw ConfigError(file: file, issues: unknown.map { ConfigIssue(line: nil, path: $0, message: "unknown key") })
        }
        return GuardStage(configuration: configuration)
    }

    /// Paths of object keys present in `given` but absent from `understood` at the same place.
    static func unknownKeys(in given: JSONValue, comparedWith understood: JSONValue, path: String) -> [String] {
        switch (given, understood) {
        case (.object(let mine), .object(let theirs)):
            return mine.keys.sorted().flatMap { key -> [String] in
                guard let value = mine[key] else { return [] }
                guard let known = theirs[key] else { return ["\(path).\(key)"] }
                return unknownKeys(in: value, comparedWith: known, path: "\(path).\(key)")
            }
        case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
            return zip(mine, theirs).enumerated().flatMap { index, pair in
                unknownKeys(in: pair.0, comparedWith: pair.1, path: "\(path)[\(index)]")
            }
        default:
            return []
        }
    }

    static func issue(_ error: DecodingError) -> ConfigIssue {
        func path(_ keys: [any CodingKey]) -> String {
            let inner = DecodingErrorText.path(keys)
            return inner.isEmpty ? "guards" : inner.hasPrefix("[") ? "guards\(inner)" : "guards.\(inner)"
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return ConfigIssue(line: nil, path: path(context.codingPath), message: "expected \(DecodingErrorText.expected(type))")
        case .keyNotFound(let key, let context):
            return ConfigIssue(line: nil, path: path(context.codingPath), message: "missing required key '\(key.stringValue)'")
        case .dataCorrupted(let context):
            return ConfigIssue(line: nil, path: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return ConfigIssue(line: nil, path: "guards", message: "\(error)")
        }
    }

    /// What the input check decided, to carry through to the output check.
    public struct InputResult: Sendable {
        public var request: ChatCompletionRequest
        public var pipeline: GuardPipeline
        public var vault: PseudonymVault
        public var results: [GuardResult]
    }

    /// - Parameter untrusted: indices of messages holding untrusted content (retrieved sources),
    ///   checked like tool results with the stricter untrusted thresholds.
    public func checkInput(_ request: ChatCompletionRequest, context: CallContext, untrusted extra: Set<Int> = []) async throws -> InputResult {
        let policyContext = PolicyContext(tenant: context.key?.metadata["tenant"], key: context.key?.name,
                                          route: context.endpoint, model: request.model)
        let pipeline = await cache.pipeline(for: configuration.policies.resolve(policyContext).policy)
        var vault = PseudonymVault()
        var checked = request
        var results: [GuardResult] = []
        for index in checked.messages.indices {
            let message = checked.messages[index]
            guard message.role != "assistant", let content = message.content else { continue }
            // Tool results are untrusted content: checked with the stricter untrusted thresholds.
            let untrusted = message.role == "tool" || extra.contains(index)
            func check(_ text: String, _ vault: inout PseudonymVault) -> GuardOutcome {
                untrusted ? pipeline.checkUntrusted(text, vault: &vault) : pipeline.checkInput(text, vault: &vault)
            }
            switch content {
            case .text(let text):
                let outcome = check(text, &vault)
                try Self.rejectIfBlocked(outcome, field: "messages[\(index)].content")
                results += outcome.results
                checked.messages[index].content = .text(outcome.text)
            case .parts(var parts):
                for partIndex in parts.indices {
                    guard let text = parts[partIndex].text else { continue }
                    let outcome = check(text, &vault)
                    try Self.rejectIfBlocked(outcome, field: "messages[\(index)].content[\(partIndex)].text")
                    results += outcome.results
                    parts[partIndex].text = outcome.text
                }
                checked.messages[index].content = .parts(parts)
            }
        }
        if let prompt = checked.rawPrompt {
            let outcome = pipeline.checkInput(prompt, vault: &vault)
            try Self.rejectIfBlocked(outcome, field: "prompt")
            checked.rawPrompt = outcome.text
            checked.messages = [.text("user", outcome.text)]
        }
        return InputResult(request: checked, pipeline: pipeline, vault: vault, results: results)
    }

    /// Checks and rewrites a whole answer: redactions applied, pseudonyms restored; a blocked
    /// answer is replaced by a notice with finish reason `content_filter`.
    public static func checkOutput(_ response: ChatCompletionResponse, input: InputResult) -> (ChatCompletionResponse, [GuardResult]) {
        var response = response
        var results: [GuardResult] = []
        for index in response.choices.indices {
            guard let text = response.choices[index].message.content?.plainText else { continue }
            let outcome = input.pipeline.checkOutput(text, vault: input.vault)
            results += outcome.results
            if let reason = outcome.blockReason {
                response.choices[index].message.content = .text("[withheld by Strata's output guard: \(reason)]")
                response.choices[index].finishReason = "content_filter"
            } else {
                response.choices[index].message.content = .text(outcome.text)
            }
        }
        return (response, results)
    }

    /// A request a guard refused, with what the guards found (for the trace).
    public struct Blocked: Error, Sendable {
        public var error: StrataError
        public var results: [GuardResult]
    }

    static func rejectIfBlocked(_ outcome: GuardOutcome, field: String) throws {
        guard let reason = outcome.blockReason else { return }
        throw Blocked(error: StrataError(status: 400, type: "invalid_request_error", code: "guard_blocked",
                                         message: "The request was blocked by a guard: \(reason)", param: field),
                      results: outcome.results)
    }

    /// Guard results as trace JSON: only the guards that found something, and never the
    /// matched values themselves (the trace must not become the leak the guard prevented).
    static func traceJSON(_ results: [GuardResult]) -> JSONValue? {
        let interesting = results.filter { $0.verdict.severity > 0 }
            .map { GuardResult(guardName: $0.guardName, verdict: $0.verdict.withoutText) }
        guard !interesting.isEmpty, let data = try? JSONEncoder().encode(interesting) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
