import StrataCore
import StrataGateway
import StrataProviders
import StrataTestSupport
import XCTest

final class ChatRouterTests: XCTestCase {
    var upstream: FakeUpstream!

    override func setUp() async throws {
        upstream = FakeUpstream()
        try await upstream.start()
    }

    override func tearDown() async throws {
        await upstream.stop()
    }

    func testRetryHonoursRetryAfter() async throws {
        let harness = GatewayHarness.make(models: [ModelConfig(name: "m", deployments: [GatewayHarness.deployment("a", upstream: upstream)])],
                                          upstream: upstream)
        upstream.enqueue(.status(429, retryAfter: 3))
        let routed = try await harness.chat("m")
        XCTAssertEqual(routed.attempts.map(\.status), [429, 200])
        XCTAssertEqual(harness.time.sleeps, [3], "the backoff waits at least Retry-After")
        try await harness.shutdown()
    }

    func testExponentialBackoffWithJitter() async throws {
        let harness = GatewayHarness.make(models: [ModelConfig(name: "m", deployments: [GatewayHarness.deployment("a", upstream: upstream)])],
                                          retries: 3, cooldownFailures: 10, random: [0.0], upstream: upstream)
        upstream.enqueue(.status(500), .status(502), .status(503))
        let routed = try await harness.chat("m")
        XCTAssertEqual(routed.attempts.count, 4)
        // initial 200 ms doubling, jitter factor 0.5 + 0.5 * 0.0
        XCTAssertEqual(harness.time.sleeps, [0.1, 0.2, 0.4])
        try await harness.shutdown()
    }

    func testExhaustedDeploymentMovesToTheNext() async throws {
        let model = ModelConfig(name: "m", deployments: [
            GatewayHarness.deployment("first", upstream: upstream, weight: 1000),
            GatewayHarness.deployment("second", upstream: upstream, weight: 0.001),
        ])
        let harness = GatewayHarness.make(models: [model], retries: 1, cooldownFailures: 10, random: [0.0], upstream: upstream)
        upstream.enqueue(.status(500), .status(500))
        let routed = try await harness.chat("m")
        XCTAssertEqual(routed.attempts.map(\.deployment), ["first", "first", "second"])
        XCTAssertEqual(routed.deployment.id, "second")
        XCTAssertEqual(upstream.received.last?.body["model"], "upstream-second")
        try await harness.shutdown()
    }

    func testContextWindowErrorFallsBackToAnotherModel() async throws {
        var small = ModelConfig(name: "small", deployments: [GatewayHarness.deployment("s", upstream: upstream)])
        small.fallbacks = ["large"]
        let large = ModelConfig(name: "large", deployments: [GatewayHarness.deployment("l", upstream: upstream, kind: .anthropic)])
        let harness = GatewayHarness.make(models: [small, large], upstream: upstream)
        upstream.enqueue(.contextWindowExceeded)
        let routed = try await harness.chat("small")
        XCTAssertEqual(routed.model, "large")
        XCTAssertEqual(routed.attempts.count, 2, "a context-window error is not retried on the same model")
        XCTAssertEqual(upstream.received.last?.path, "/v1/messages")
        try await harness.shutdown()
    }

    func testBadRequestIsNotRetriedNorFailedOver() async throws {
        var first = ModelConfig(name: "m", deployments: [GatewayHarness.deployment("a", upstream: upstream),
                                                         GatewayHarness.deployment("b", upstream: upstream)])
        first.fallbacks = ["other"]
        let other = ModelConfig(name: "other", deployments: [GatewayHarness.deployment("o", upstream: upstream)])
        let harness = GatewayHarness.make(models: [first, other], upstream: upstream)
        upstream.enqueue(.status(400, message: "bad temperature"))
        do {
            _ = try await harness.chat("m")
            XCTFail("expected the upstream's 400")
        } catch let failure as ChatRouter.Failure {
            XCTAssertEqual(failure.error.status, 400)
            XCTAssertEqual(failure.error.code, "upstream_bad_request")
            XCTAssertTrue(failure.error.message.contains("bad temperature"))
            XCTAssertEqual(failure.attempts.count, 1)
        }
        try await harness.shutdown()
    }

    func testCooldownSkipsAFailingDeploymentUntilItRests() async throws {
        let model = ModelConfig(name: "m", deployments: [
            GatewayHarness.deployment("flaky", upstream: upstream, weight: 1000),
            GatewayHarness.deployment("steady", upstream: upstream, weight: 0.001),
        ])
        let harness = GatewayHarness.make(models: [model], retries: 0, cooldownFailures: 1, random: [0.0], upstream: upstream)
        upstream.enqueue(.status(503))
        let first = try await harness.chat("m")
        XCTAssertEqual(first.attempts.map(\.deployment), ["flaky", "steady"])
        let second = try await harness.chat("m")
        XCTAssertEqual(second.attempts.map(\.deployment), ["steady"], "flaky is cooling down")
        harness.time.advance(31)
        let third = try await harness.chat("m")
        XCTAssertEqual(third.attempts.map(\.deployment), ["flaky"], "after the cooldown it is tried again")
        try await harness.shutdown()
    }

    func testAllDeploymentsDownGivesUpstreamError() async throws {
        let harness = GatewayHarness.make(models: [ModelConfig(name: "m", deployments: [GatewayHarness.deployment("a", upstream: upstream)])],
                                          retries: 1, upstream: upstream)
        upstream.enqueue(.status(500), .status(500))
        do {
            _ = try await harness.chat("m")
            XCTFail("expected failure")
        } catch let failure as ChatRouter.Failure {
            XCTAssertEqual(failure.error.status, 502)
            XCTAssertEqual(failure.error.code, "upstream_error")
            XCTAssertEqual(failure.attempts.count, 2)
        }
        try await harness.shutdown()
    }

    func testUnknownModel() async throws {
        let harness = GatewayHarness.make(models: [ModelConfig(name: "m", deployments: [GatewayHarness.deployment("a", upstream: upstream)])],
                                          upstream: upstream)
        do {
            _ = try await harness.chat("nope")
            XCTFail("expected failure")
        } catch let failure as ChatRouter.Failure {
            XCTAssertEqual(failure.error.status, 404)
            XCTAssertEqual(failure.error.code, "model_not_found")
        }
        try await harness.shutdown()
    }
}
