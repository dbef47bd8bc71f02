import StrataCore
import StrataGateway
import StrataProviders
import StrataTestSupport
import XCTest

final class LoadBalancerTests: XCTestCase {
    func deployment(_ id: String, weight: Double = 1) -> Deployment {
        Deployment(id: id, publicModel: "m", kind: .openai, upstreamModel: "m", baseURL: "http://x", weight: weight)
    }

    func testCostPicksTheCheapest() {
        let balancer = LoadBalancer(random: ScriptedRandom([0.3]))
        let ordered = balancer.order([deployment("dear"), deployment("cheap"), deployment("unpriced")], strategy: .cost, health: [:],
                                     prices: ["dear": Price(input: 10, output: 30), "cheap": Price(input: 0.1, output: 0.4)],
                                     estimatedPromptTokens: 1000, now: 0)
        XCTAssertEqual(ordered.map(\.id), ["cheap", "dear", "unpriced"])
    }

    func testLeastBusyAndLatency() {
        let balancer = LoadBalancer(random: ScriptedRandom([0.3]))
        var busy = DeploymentHealth.Snapshot()
        busy.inFlight = 5
        busy.latency = 0.1
        var idle = DeploymentHealth.Snapshot()
        idle.inFlight = 1
        idle.latency = 0.9
        let health = ["busy": busy, "idle": idle]
        XCTAssertEqual(balancer.order([deployment("busy"), deployment("idle")], strategy: .leastBusy, health: health, prices: [:],
                                      estimatedPromptTokens: 0, now: 0).map(\.id), ["idle", "busy"])
        XCTAssertEqual(balancer.order([deployment("idle"), deployment("busy")], strategy: .latency, health: health, prices: [:],
                                      estimatedPromptTokens: 0, now: 0).map(\.id), ["busy", "idle"])
    }

    func testWeightedDrawFollowsWeights() {
        // 0.9 of a total weight of 4 lands past the first deployment's weight of 1.
        let balancer = LoadBalancer(random: ScriptedRandom([0.9, 0.1]))
        let ordered = balancer.order([deployment("light", weight: 1), deployment("heavy", weight: 3)], strategy: .weighted,
                                     health: [:], prices: [:], estimatedPromptTokens: 0, now: 0)
        XCTAssertEqual(ordered.map(\.id), ["heavy", "light"])
        let counts = (0..<1000).reduce(into: [String: Int]()) { counts, _ in
            let pick = LoadBalancer(random: SystemRandomSource()).order(
                [deployment("light", weight: 1), deployment("heavy", weight: 3)], strategy: .weighted, health: [:], prices: [:],
                estimatedPromptTokens: 0, now: 0)[0].id
            counts[pick, default: 0] += 1
        }
        XCTAssertGreaterThan(counts["heavy", default: 0], counts["light", default: 0])
    }

    func testCoolingDownDeploymentsGoLast() {
        var resting = DeploymentHealth.Snapshot()
        resting.cooldownUntil = 100
        let ordered = LoadBalancer(random: ScriptedRandom([0.0])).order(
            [deployment("resting", weight: 100), deployment("ready")], strategy: .weighted, health: ["resting": resting],
            prices: [:], estimatedPromptTokens: 0, now: 50)
        XCTAssertEqual(ordered.map(\.id), ["ready", "resting"])
    }

    func testRoutingRules() {
        var long = RoutingRule.Match()
        long.minPromptTokens = 1000
        var tools = RoutingRule.Match()
        tools.hasTools = true
        tools.metadata = ["team": "agents"]
        let matcher = RoutingRuleMatcher(rules: [RoutingRule(match: long, routeTo: "big"), RoutingRule(match: tools, routeTo: "tooly")])
        func features(tokens: Int, hasTools: Bool, team: String?) -> RoutingRuleMatcher.Features {
            .init(model: "m", keyName: nil, metadata: team.map { ["team": $0] } ?? [:], promptTokens: tokens, hasTools: hasTools,
                  hasImages: false)
        }
        XCTAssertEqual(matcher.match(features(tokens: 5000, hasTools: false, team: nil))?.routeTo, "big")
        XCTAssertEqual(matcher.match(features(tokens: 10, hasTools: true, team: "agents"))?.routeTo, "tooly")
        XCTAssertNil(matcher.match(features(tokens: 10, hasTools: true, team: "web")))
    }
}
