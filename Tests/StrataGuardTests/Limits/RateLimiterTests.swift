@testable import StrataGuard
import XCTest

final class RateLimiterTests: XCTestCase {
    func testRequestsPerMinuteRefillsContinuously() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(requestsPerMinute: 3), for: .key("k1"))
        for _ in 0..<3 {
            guard case .allowed = await limiter.acquire([.key("k1")]) else { return XCTFail("should admit") }
        }
        guard case .limited(let hit) = await limiter.acquire([.key("k1")]) else { return XCTFail("should limit") }
        XCTAssertEqual(hit.scope, .key("k1"))
        XCTAssertEqual(hit.limit, .requests)
        XCTAssertEqual(hit.retryAfter, 20, accuracy: 1e-6)  // one request refills every 20 s
        clock.advance(by: 20)
        guard case .allowed = await limiter.acquire([.key("k1")]) else { return XCTFail("refilled") }
        // Other keys are independent.
        guard case .allowed = await limiter.acquire([.key("k2")]) else { return XCTFail("no rule, no limit") }
    }

    func testTokensPerMinuteWithEstimateCorrection() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(tokensPerMinute: 1000), for: .tenant("acme"))
        guard case .allowed(let p1) = await limiter.acquire([.tenant("acme")], estimatedTokens: 800) else { return XCTFail() }
        guard case .limited(let hit) = await limiter.acquire([.tenant("acme")], estimatedTokens: 500) else { return XCTFail() }
        XCTAssertEqual(hit.limit, .tokens)
        XCTAssertEqual(hit.retryAfter, 18, accuracy: 1e-6)  // 300 missing at 1000/60 per second
        // The first request used only 100 tokens: 700 come back.
        await limiter.release(p1, actualTokens: 100)
        guard case .allowed = await limiter.acquire([.tenant("acme")], estimatedTokens: 500) else { return XCTFail("refund") }
    }

    func testConcurrencyLimitAndMostConstrainingHit() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(maxConcurrent: 2), for: .model("gpt"))
        await limiter.setRule(RateLimitRule(requestsPerMinute: 1), for: .key("k"))
        guard case .allowed(let a) = await limiter.acquire([.model("gpt")]) else { return XCTFail() }
        guard case .allowed = await limiter.acquire([.model("gpt"), .key("k")]) else { return XCTFail() }
        guard case .limited(let hit) = await limiter.acquire([.model("gpt"), .key("k")]) else { return XCTFail() }
        // Both are exhausted; the key's 60 s wait is the one that matters.
        XCTAssertEqual(hit.scope, .key("k"))
        await limiter.release(a)
        let concurrent = await limiter.concurrent(.model("gpt"))
        XCTAssertEqual(concurrent, 1)
    }

    func testRejectedRequestConsumesNothing() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(requestsPerMinute: 10), for: .key("k"))
        await limiter.setRule(RateLimitRule(requestsPerMinute: 1), for: .tenant("t"))
        _ = await limiter.acquire([.key("k"), .tenant("t")])
        for _ in 0..<5 { _ = await limiter.acquire([.key("k"), .tenant("t")]) }
        // Only the first admission was charged to the key: 9 remain.
        var admitted = 0
        for _ in 0..<20 { if case .allowed = await limiter.acquire([.key("k")]) { admitted += 1 } }
        XCTAssertEqual(admitted, 9)
    }

    func testDefaultRulesAndPrune() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setDefaultRule(RateLimitRule(requestsPerMinute: 1), for: .key)
        for i in 0..<50 { _ = await limiter.acquire([.key("k\(i)")]) }
        guard case .limited = await limiter.acquire([.key("k7")]) else { return XCTFail("default applies") }
        var tracked = await limiter.trackedScopes
        XCTAssertEqual(tracked, 50)
        clock.advance(by: 120)
        await limiter.prune()
        tracked = await limiter.trackedScopes
        XCTAssertEqual(tracked, 0)
    }

    func testConcurrentAcquireNeverExceedsLimits() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(requestsPerMinute: 100, maxConcurrent: 7), for: .key("k"))
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    if case .allowed = await limiter.acquire([.key("k")]) { return true }
                    return false
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        XCTAssertEqual(admitted, 7)
    }

    func testRuleDecodesFromConfigKeys() throws {
        let rule = try JSONDecoder().decode(RateLimitRule.self, from: Data(#"{"requests_per_minute": 60, "max_concurrent": 4}"#.utf8))
        XCTAssertEqual(rule, RateLimitRule(requestsPerMinute: 60, maxConcurrent: 4))
    }
}

extension RateLimiterTests {
    func testPermitCarriesHeaderValuesOfTheTightestScope() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(requestsPerMinute: 60, tokensPerMinute: 10_000), for: .key("k"))
        await limiter.setRule(RateLimitRule(requestsPerMinute: 10), for: .tenant("t"))
        guard case .allowed(let permit) = await limiter.acquire([.key("k"), .tenant("t")], estimatedTokens: 2_500) else { return XCTFail() }
        XCTAssertEqual(permit.status.requests, RateLimitStatus.Window(limit: 10, remaining: 9, resetsIn: 6))
        XCTAssertEqual(permit.status.tokens, RateLimitStatus.Window(limit: 10_000, remaining: 7_500, resetsIn: 15))
        let headers = Dictionary(uniqueKeysWithValues: permit.status.headers)
        XCTAssertEqual(headers["x-ratelimit-remaining-requests"], "9")
        XCTAssertEqual(headers["x-ratelimit-reset-tokens"], "15.000s")
    }
}

extension RateLimiterTests {
    func testConfigDecodesCompactScopesAndApplies() async throws {
        let json = #"""
        {"defaults": {"key": {"requests_per_minute": 2}},
         "scopes": [{"scope": "tenant:acme", "tokens_per_minute": 100, "max_concurrent": 1}]}
        """#
        let config = try JSONDecoder().decode(RateLimitConfig.self, from: Data(json.utf8))
        XCTAssertEqual(config.scopes.first?.scope, .tenant("acme"))
        let limiter = RateLimiter(clock: ManualGuardClock())
        await config.apply(to: limiter)
        let rule = await limiter.rule(for: .key("anything"))
        XCTAssertEqual(rule, RateLimitRule(requestsPerMinute: 2))
        guard case .allowed = await limiter.acquire([.tenant("acme")], estimatedTokens: 10) else { return XCTFail() }
        guard case .limited(let hit) = await limiter.acquire([.tenant("acme")], estimatedTokens: 10) else { return XCTFail() }
        XCTAssertEqual(hit.limit, .concurrent)
        XCTAssertThrowsError(try JSONDecoder().decode(LimitScope.self, from: Data(#""planet:mars""#.utf8)))
        let back = try JSONDecoder().decode(RateLimitConfig.self, from: JSONEncoder().encode(config))
        XCTAssertEqual(back, config)
    }
}

extension RateLimiterTests {
    func testDuplicateScopesAreChargedOnce() async {
        let limiter = RateLimiter(clock: ManualGuardClock())
        await limiter.setRule(RateLimitRule(requestsPerMinute: 2), for: .key("k"))
        guard case .allowed(let p) = await limiter.acquire([.key("k"), .key("k")]) else { return XCTFail() }
        XCTAssertEqual(p.status.requests?.remaining, 1)
    }
}

extension RateLimiterTests {
    func testConcurrentAcquireReleaseLeavesNoSlotsBehind() async {
        let clock = ManualGuardClock()
        let limiter = RateLimiter(clock: clock)
        await limiter.setRule(RateLimitRule(tokensPerMinute: 1_000_000, maxConcurrent: 4), for: .tenant("t"))
        let admitted = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var ok = 0
                    for round in 0..<25 {
                        if case .allowed(let p) = await limiter.acquire([.tenant("t")], estimatedTokens: 100) {
                            ok += 1
                            if (worker + round) % 3 == 0 { clock.advance(by: 0.01) }
                            await limiter.release(p, actualTokens: 50)
                        }
                    }
                    return ok
                }
            }
            return await group.reduce(0, +)
        }
        let inFlight = await limiter.concurrent(.tenant("t"))
        XCTAssertEqual(inFlight, 0)
        XCTAssertGreaterThan(admitted, 0)
        // Every admission was charged its estimate and refunded half of it on release: the
        // net charge is 50 tokens per admission, never the full estimate.
        let status = await limiter.status([.tenant("t")])
        XCTAssertGreaterThanOrEqual(status.tokens?.remaining ?? 0, 1_000_000 - 50 * admitted)
    }
}
