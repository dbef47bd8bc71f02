import Foundation
import StrataCore
import StrataTestSupport
import XCTest

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

    /// Crossing the soft threshold and reaching the cap are each written to the audit chain
    /// once per period.
    func testBudgetAlertsReachTheAuditLog() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master") { config, _ in
            config.guards = Self.budget
        }
        addTeardownBlock { try await server.stop() }
        for _ in 0..<10 {
            let reply = try await server.send("/v1/chat/completions", body: Self.body, key: "sk-master")
            if reply.status != 200 { break }
        }
        var actions: [String] = []
        for _ in 0..<50 {
            let audit = try await server.send(.GET, "/admin/audit", key: "sk-master")
            actions = audit.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
            if actions.contains("budget.soft") { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTAssertEqual(actions.filter { $0 == "budget.soft" }.count, 1, "\(actions)")
    }
}
