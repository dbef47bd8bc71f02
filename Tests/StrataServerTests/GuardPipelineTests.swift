import Foundation
import StrataCore
import StrataTestSupport
import XCTest

/// The guard stages in the request path: the provider never sees protected values, the user
/// gets them back, secrets are refused, and traces record what the guards found.
final class GuardPipelineTests: XCTestCase {
    var server: ServerHarness!

    override func setUp() async throws {
        server = try await ServerHarness.start(reply: "$echo") { config, _ in
            config.guards = ["base": ["pii": ["actions": ["email": "pseudonymize"]], "injection": [:]]]
        }
    }

    override func tearDown() async throws {
        try await server.stop()
    }

    func testEmailIsPseudonymisedUpstreamAndRestoredForTheUser() async throws {
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","messages":[{"role":"user","content":"Write to jane.doe@example.com about the invoice"}]}
            """#)
        XCTAssertEqual(reply.status, 200, reply.body)
        let sent = server.upstream.received.last?.body.jsonString() ?? ""
        XCTAssertFalse(sent.contains("jane.doe@example.com"), "the provider must not see the address: \(sent)")
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["message"]?["content"],
                       "Write to jane.doe@example.com about the invoice", "the user sees the value restored")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertFalse(trace.jsonString().contains("jane.doe@example.com"), "traces keep what the provider saw")
        XCTAssertTrue(trace["guards"]?.jsonString().contains("email") ?? false, trace.jsonString())
    }

    func testStreamedAnswerIsRestoredAcrossChunks() async throws {
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","stream":true,"messages":[{"role":"user","content":"Mail jane.doe@example.com and bob@example.org today"}]}
            """#)
        let text = ServerHarness.events(reply.body).dropLast().compactMap {
            JSONValue.parse($0)?["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue
        }.joined()
        XCTAssertEqual(text, "Mail jane.doe@example.com and bob@example.org today")
        XCTAssertFalse(server.upstream.received.last?.body.jsonString().contains("bob@example.org") ?? true)
    }

    func testSecretsAreRefusedBeforeAnyUpstreamCall() async throws {
        let before = server.upstream.received.count
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","messages":[{"role":"user","content":"my key is sk-proj-4fGh7Jk29LmNp0QrStUvWx12YzAb34CdEf56GhIj"}]}
            """#)
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.json["error"]?["code"], "guard_blocked")
        XCTAssertEqual(reply.json["error"]?["param"], "messages[0].content")
        XCTAssertEqual(server.upstream.received.count, before, "nothing went upstream")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["error_code"], "guard_blocked")
        XCTAssertFalse(trace.jsonString().contains("sk-proj-4fGh7"), "the secret is not written to the trace")
    }
}

final class RateLimitTests: XCTestCase {
    func testRequestsPerMinuteGive429WithRetryAfter() async throws {
        let server = try await ServerHarness.start { config, _ in
            config.guards = ["rate_limits": ["defaults": ["key": ["requests_per_minute": 2]]]]
        }
        addTeardownBlock { try await server.stop() }
        let body = #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#
        let first = try await server.send("/v1/chat/completions", body: body)
        let second = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(second.status, 200)
        let third = try await server.send("/v1/chat/completions", body: body)
        XCTAssertEqual(third.status, 429, third.body)
        XCTAssertEqual(third.json["error"]?["code"], "rate_limited")
        XCTAssertTrue(third.json["error"]?["message"]?.stringValue?.contains("key:") ?? false, third.body)
        let retryAfter = Int(third.headers["retry-after"] ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(retryAfter, 1)
        XCTAssertLessThanOrEqual(retryAfter, 60)
        let trace = try await server.trace(try XCTUnwrap(third.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["status"], 429)
    }

    func testConcurrencyLimitIsReleasedWhenRequestsEnd() async throws {
        let server = try await ServerHarness.start { config, _ in
            config.guards = ["rate_limits": ["defaults": ["key": ["max_concurrent": 1]]]]
        }
        addTeardownBlock { try await server.stop() }
        for _ in 0..<3 {
            let reply = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#)
            XCTAssertEqual(reply.status, 200, "sequential requests each get the slot back: \(reply.body)")
            // The slot is returned just after the response is sent.
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}

final class BudgetTests: XCTestCase {
    static let budget: JSONValue = ["budgets": ["limits": [["scope": "key:master", "period": "monthly", "max_usd": 0.00005]]]]
    static let body = #"{"model":"gpt","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#

    func testSpentBudgetStopsRequestsAndSurvivesRestart() async throws {
        let database = NSTemporaryDirectory() + "strata-budget-\(UUID().uuidString).sqlite"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: database) }
        let server = try await ServerHarness.start(masterKey: "sk-master") { config, _ in
            config.guards = Self.budget
            config.storage.database = database
        }
        var statuses: [Int] = []
        var refused: ServerHarness.Reply?
        for _ in 0..<10 {
            let reply = try await server.send("/v1/chat/completions", body: Self.body, key: "sk-master")
            statuses.append(reply.status)
            if reply.status != 200 {
                refused = reply
                break
            }
        }
        let stop = try XCTUnwrap(refused, "the budget never stopped a request: \(statuses)")
        XCTAssertEqual(stop.status, 429)
        XCTAssertEqual(stop.json["error"]?["code"], "budget_exceeded")
        XCTAssertTrue(stop.json["error"]?["message"]?.stringValue?.contains("key:master") ?? false, stop.body)
        XCTAssertNotNil(stop.headers["retry-after"])
        XCTAssertGreaterThan(statuses.filter { $0 == 200 }.count, 0)
        // What was spent never passes the cap: reservations count before the upstream call.
        let traces = try await server.send(.GET, "/v1/strata/traces?limit=100", key: "sk-master")
        let spent = traces.json["data"]?.arrayValue?.compactMap { $0["cost"]?.doubleValue }.reduce(0, +) ?? 0
        XCTAssertLessThanOrEqual(spent, 0.00005 + 1e-12)
        try await server.stop()

        // A restart reads what was spent from the traces: still refused.
        let again = try await ServerHarness.start(masterKey: "sk-master") { config, _ in
            config.guards = Self.budget
            config.storage.database = database
        }
        addTeardownBlock { try await again.stop() }
        let reply = try await again.send("/v1/chat/completions", body: Self.body, key: "sk-master")
        XCTAssertEqual(reply.json["error"]?["code"], "budget_exceeded", reply.body)
    }
}
