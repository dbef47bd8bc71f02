@testable import StrataGuard
import XCTest

final class GuardConfigurationTests: XCTestCase {
    func fixture() throws -> GuardConfiguration {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/guard/guards.json")
        return try JSONDecoder().decode(GuardConfiguration.self, from: Data(contentsOf: url))
    }

    func testWholeSectionDecodesAndRoundTrips() throws {
        let config = try fixture()
        XCTAssertEqual(config.policies.base.pii?.actions[.email], .pseudonymize)
        XCTAssertNil(config.policies.base.topics)
        XCTAssertEqual(config.rateLimits.defaults[.key]?.maxConcurrent, 8)
        XCTAssertEqual(config.budgets.limits.first?.softAlertFraction, 0.9)
        XCTAssertEqual(config.dataFlow.tools["search_kb"]?.onViolation, .allow)
        let back = try JSONDecoder().decode(GuardConfiguration.self, from: JSONEncoder().encode(config))
        XCTAssertEqual(back, config)
        XCTAssertEqual(try JSONDecoder().decode(GuardConfiguration.self, from: Data("{}".utf8)), GuardConfiguration())
    }

    func testCacheCompilesEachPolicyOnce() async throws {
        let config = try fixture()
        let cache = GuardPipelineCache(capacity: 2)
        let support = config.policies.resolve(PolicyContext(route: "support")).policy
        let other = config.policies.resolve(PolicyContext(route: "chat")).policy
        let a = await cache.pipeline(for: support)
        _ = await cache.pipeline(for: support)
        _ = await cache.pipeline(for: other)
        var count = await cache.count
        XCTAssertEqual(count, 2)
        XCTAssertEqual(a.policy.output?.canaries, ["CANARY-9d1e"])
        _ = await cache.pipeline(for: .standard)
        count = await cache.count
        XCTAssertEqual(count, 2)
    }
}
