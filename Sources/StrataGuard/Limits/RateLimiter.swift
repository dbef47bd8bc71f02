import Foundation

/// Requests-per-minute, tokens-per-minute and concurrency limits for any mix of scopes
/// (key, tenant, model, ...). A request is admitted only if every scope it touches has room,
/// and then charged to all of them at once, so a rejected request consumes nothing.
public actor RateLimiter {
    private let clock: any GuardClock
    private var rules: [LimitScope: RateLimitRule] = [:]
    private var defaults: [LimitScope.Kind: RateLimitRule] = [:]
    private var requestBuckets: [LimitScope: TokenBucket] = [:]
    private var tokenBuckets: [LimitScope: TokenBucket] = [:]
    private var inFlight: [LimitScope: Int] = [:]
    private var nextPermit: UInt64 = 1

    public init(clock: any GuardClock = SystemGuardClock()) {
        self.clock = clock
    }

    /// Sets the rule for one scope (replacing its counters if the limits changed).
    public func setRule(_ rule: RateLimitRule, for scope: LimitScope) {
        if rules[scope] != rule {
            requestBuckets[scope] = nil
            tokenBuckets[scope] = nil
        }
        rules[scope] = rule
    }

    /// The rule for every scope of a kind that has no rule of its own.
    public func setDefaultRule(_ rule: RateLimitRule, for kind: LimitScope.Kind) {
        defaults[kind] = rule
    }

    public func rule(for scope: LimitScope) -> RateLimitRule? {
        rules[scope] ?? defaults[scope.kind]
    }

    /// Admits a request estimated to use `estimatedTokens` (prompt + max completion), or
    /// says which limit is hit and for how long.
    public func acquire(_ scopes: [LimitScope], estimatedTokens: Int = 0) -> RateLimitDecision {
        // A scope named twice must not be charged twice.
        var unique: [LimitScope] = []
        for scope in scopes where !unique.contains(scope) { unique.append(scope) }
        let scopes = unique
        let now = clock.now()
        var worst: RateLimitHit?
        func consider(_ hit: RateLimitHit) {
            if worst == nil || hit.retryAfter > worst?.retryAfter ?? 0 { worst = hit }
        }
        for scope in scopes {
            guard let rule = rule(for: scope) else { continue }
            if let max = rule.maxConcurrent, inFlight[scope, default: 0] >= max {
                consider(RateLimitHit(scope: scope, limit: .concurrent, retryAfter: 1))
            }
            if let rpm = rule.requestsPerMinute {
                var b = requestBuckets[scope] ?? TokenBucket(perMinute: rpm, now: now)
                b.refill(now)
                requestBuckets[scope] = b
                let wait = b.wait(for: 1)
                if wait > 0 { consider(RateLimitHit(scope: scope, limit: .requests, retryAfter: wait)) }
            }
            if let tpm = rule.tokensPerMinute {
                var b = tokenBuckets[scope] ?? TokenBucket(perMinute: tpm, now: now)
                b.refill(now)
                tokenBuckets[scope] = b
                // An estimate above the whole budget waits for a full bucket rather than forever.
                let wait = b.wait(for: Double(estimatedTokens))
                if wait > 0 { consider(RateLimitHit(scope: scope, limit: .tokens, retryAfter: wait)) }
            }
        }
        if let worst { return .limited(worst) }
        for scope in scopes {
            guard let rule = rule(for: scope) else { continue }
            if rule.maxConcurrent != nil { inFlight[scope, default: 0] += 1 }
            if rule.requestsPerMinute != nil { requestBuckets[scope]?.balance -= 1 }
            if rule.tokensPerMinute != nil { tokenBuckets[scope]?.balance -= Double(estimatedTokens) }
        }
        let permit = RateLimitPermit(id: nextPermit, scopes: scopes, estimatedTokens: estimatedTokens,
                                     status: status(scopes))
        nextPermit += 1
        return .allowed(permit)
    }

    /// The tightest remaining capacity per dimension across `scopes`.
    public func status(_ scopes: [LimitScope]) -> RateLimitStatus {
        func window(_ buckets: [LimitScope: TokenBucket]) -> RateLimitStatus.Window? {
            var best: RateLimitStatus.Window?
            for scope in scopes {
                guard let b = buckets[scope] else { continue }
                let w = RateLimitStatus.Window(limit: Int(b.capacity), remaining: Int(b.balance.rounded(.down)),
                                               resetsIn: max(0, (b.capacity - b.balance) / b.ratePerSecond))
                if best == nil || w.remaining < best?.remaining ?? Int.max { best = w }
            }
            return best
        }
        return RateLimitStatus(requests: window(requestBuckets), tokens: window(tokenBuckets))
    }

    /// Ends a request: frees its concurrency slot and corrects the token charge from the
    /// estimate to what was actually used (refund or debt).
    public func release(_ permit: RateLimitPermit, actualTokens: Int? = nil) {
        let now = clock.now()
        let correction = Double((actualTokens ?? permit.estimatedTokens) - permit.estimatedTokens)
        for scope in permit.scopes {
            if let n = inFlight[scope] { inFlight[scope] = n > 1 ? n - 1 : nil }
            if correction != 0, var b = tokenBuckets[scope] {
                b.refill(now)
                b.balance = min(b.capacity, b.balance - correction)
                tokenBuckets[scope] = b
            }
        }
    }

    /// Requests currently admitted and not yet released for `scope`.
    public func concurrent(_ scope: LimitScope) -> Int { inFlight[scope] ?? 0 }

    /// Drops counters of scopes that are idle and fully refilled, bounding memory for
    /// services with many keys; call it now and then.
    public func prune() {
        let now = clock.now()
        for (scope, var b) in requestBuckets {
            b.refill(now)
            if b.balance >= b.capacity, inFlight[scope] == nil { requestBuckets[scope] = nil }
        }
        for (scope, var b) in tokenBuckets {
            b.refill(now)
            if b.balance >= b.capacity, inFlight[scope] == nil { tokenBuckets[scope] = nil }
        }
    }

    /// Number of scopes with live counters (for metrics and the prune test).
    public var trackedScopes: Int { Set(requestBuckets.keys).union(tokenBuckets.keys).union(inFlight.keys).count }
}
