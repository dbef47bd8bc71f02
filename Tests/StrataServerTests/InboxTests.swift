import Foundation
import StrataCore
import StrataStore
import StrataTestSupport
import XCTest

/// Guard hits land in the review inbox until someone reviews them.
final class InboxTests: XCTestCase {
    func testGuardHitsWaitInTheInboxUntilReviewed() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master", reply: "$echo") { config, _ in
            config.guards = ["base": ["pii": ["actions": ["email": "pseudonymize"]], "injection": [:]]]
        }
        addTeardownBlock { try await server.stop() }
        let developer = try await server.send("/admin/keys", body: #"{"name":"dev","role":"developer"}"#, key: "sk-master")
        let viewer = try await server.send("/admin/keys", body: #"{"name":"viewer","role":"viewer"}"#, key: "sk-master")
        let dev = try XCTUnwrap(developer.json["key"]?.stringValue), view = try XCTUnwrap(viewer.json["key"]?.stringValue)

        let blocked = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","messages":[{"role":"user","content":"my key is sk-proj-4fGh7Jk29LmNp0QrStUvWx12YzAb34CdEf56GhIj"}]}
            """#, key: "sk-master")
        XCTAssertEqual(blocked.status, 400)
        let blockedID = try XCTUnwrap(blocked.headers["x-strata-trace-id"])
        let plain = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"hello"}]}"#,
                                          key: "sk-master")
        let plainID = try XCTUnwrap(plain.headers["x-strata-trace-id"])
        _ = try await server.trace(blockedID, key: "sk-master")
        _ = try await server.trace(plainID, key: "sk-master")

        let inbox = try await server.send(.GET, "/v1/strata/inbox", key: view)
        XCTAssertEqual(inbox.status, 200, inbox.body)
        let items = inbox.json["data"]?.arrayValue ?? []
        XCTAssertEqual(items.compactMap { $0["trace_id"]?.stringValue }, [blockedID], "only the guard hit needs review")
        XCTAssertFalse(items.first?["reasons"]?.arrayValue?.isEmpty ?? true, inbox.body)
        XCTAssertFalse(inbox.body.contains("sk-proj-4fGh7"), "the inbox never shows the matched secret")

        let page = try await server.send(.GET, "/console/inbox", headers: [("Cookie", "strata_console=\(view)")])
        XCTAssertTrue(page.body.contains(blockedID), "the console lists it")
        XCTAssertTrue(page.body.contains("read only"), "a viewer cannot review")

        let denied = try await server.send("/v1/strata/inbox/\(blockedID)/review", body: #"{"verdict":"ok"}"#, key: view)
        XCTAssertEqual(denied.status, 403)
        let bad = try await server.send("/v1/strata/inbox/\(blockedID)/review", body: #"{"verdict":"meh"}"#, key: dev)
        XCTAssertEqual(bad.json["error"]?["param"], "verdict")
        let reviewed = try await server.send("/v1/strata/inbox/\(blockedID)/review", body: #"{"verdict":"issue","note":"user pasted a key"}"#,
                                             key: dev)
        XCTAssertEqual(reviewed.status, 200, reviewed.body)
        let after = try await server.send(.GET, "/v1/strata/inbox", key: view)
        XCTAssertEqual(after.json["data"]?.arrayValue?.count, 0)
        let audit = try await server.send(.GET, "/admin/audit", key: "sk-master")
        XCTAssertTrue(audit.json["data"]?.arrayValue?.contains { $0["action"] == "trace.review" } ?? false)
    }
}

/// Guard verdicts short of a refusal are counted into the audit chain (flushed on shutdown).
final class GuardVerdictAuditTests: XCTestCase {
    func testFlagsAndRedactionsAreTalliedIntoTheAuditLog() async throws {
        let database = NSTemporaryDirectory() + "strata-verdicts-\(UUID().uuidString).sqlite"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: database) }
        let server = try await ServerHarness.start(masterKey: "sk-master", reply: "$echo") { config, _ in
            config.guards = ["base": ["pii": ["actions": ["email": "pseudonymize"]]]]
            config.storage.database = database
        }
        for _ in 0..<3 {
            let reply = try await server.send("/v1/chat/completions",
                                              body: #"{"model":"gpt","messages":[{"role":"user","content":"mail jane.doe@example.com"}]}"#,
                                              key: "sk-master")
            XCTAssertEqual(reply.status, 200)
            let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]), key: "sk-master")
            XCTAssertNotNil(trace["guards"]?.arrayValue?.first, "\(trace)")
        }
        try await server.stop()
        let entries = try await SQLiteStore(path: database).auditEntries(after: nil, limit: nil)
        let verdicts = entries.filter { $0.action.hasPrefix("guard.") && $0.subject == "guard:pii" }
        XCTAssertFalse(verdicts.isEmpty, "\(entries.map(\.action))")
        XCTAssertEqual(verdicts.compactMap { Int($0.details["count"] ?? "") }.reduce(0, +), 3, "\(verdicts)")
        XCTAssertFalse(entries.contains { $0.details.values.contains { $0.contains("jane.doe") } }, "no matched value in the chain")
    }
}
