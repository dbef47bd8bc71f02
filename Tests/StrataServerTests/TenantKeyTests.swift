import StrataCore
import StrataTestSupport
import XCTest

/// Keys belong to tenants: a tenant's key manager sees, creates and revokes only its own
/// tenant's keys, and the identity fields land in the key's metadata.
final class TenantKeyTests: XCTestCase {
    func testKeyManagementIsConfinedToTheManagersTenant() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        let acmeDev = try await server.send("/admin/keys", body: #"{"name":"acme-dev","role":"developer","tenant":"acme"}"#, key: "sk-master")
        XCTAssertEqual(acmeDev.json["metadata"]?["tenant"], "acme")
        let globexApp = try await server.send("/admin/keys", body: #"{"name":"globex-app","tenant":"globex"}"#, key: "sk-master")
        let globexID = try XCTUnwrap(globexApp.json["id"]?.stringValue)
        let dev = try XCTUnwrap(acmeDev.json["key"]?.stringValue)

        let escalate = try await server.send("/admin/keys", body: #"{"name":"x","clearances":["confidential"]}"#, key: dev)
        XCTAssertEqual(escalate.status, 403, "a developer cannot grant a clearance it does not hold")
        let trusted = try await server.send("/admin/keys", body: #"{"name":"x","metadata":{"trust_user_field":"true"}}"#, key: dev)
        XCTAssertEqual(trusted.status, 403)
        let made = try await server.send("/admin/keys", body: #"{"name":"ann","tenant":"acme","user":"ann","groups":["eng","ops"],"clearances":["confidential"]}"#,
                                         key: "sk-master")
        XCTAssertEqual(made.status, 201, made.body)
        XCTAssertEqual(made.json["metadata"]?["user"], "ann")
        let inherited = try await server.send("/admin/keys", body: #"{"name":"bob"}"#, key: dev)
        XCTAssertEqual(inherited.json["metadata"]?["tenant"], "acme", "inherits the manager's tenant")
        XCTAssertEqual(made.json["metadata"]?["groups"], "eng,ops")
        let foreign = try await server.send("/admin/keys", body: #"{"name":"x","tenant":"globex"}"#, key: dev)
        XCTAssertEqual(foreign.status, 403)

        let listed = try await server.send(.GET, "/admin/keys", key: dev)
        let names = Set(listed.json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        XCTAssertEqual(names, ["acme-dev", "ann", "bob"])
        let all = try await server.send(.GET, "/admin/keys", key: "sk-master")
        XCTAssertEqual(all.json["data"]?.arrayValue?.count, 4)

        let revokeForeign = try await server.send(.DELETE, "/admin/keys/\(globexID)", key: dev)
        XCTAssertEqual(revokeForeign.status, 404)
        let stillWorks = try await server.send(.GET, "/v1/models", key: globexApp.json["key"]?.stringValue)
        XCTAssertEqual(stillWorks.status, 200)
        let annID = try XCTUnwrap(made.json["id"]?.stringValue)
        let revokeOwn = try await server.send(.DELETE, "/admin/keys/\(annID)", key: dev)
        XCTAssertEqual(revokeOwn.status, 200)
    }

    func testTheConsoleShowsATenantsViewerOnlyItsTenantsTraffic() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        let viewer = try await server.send("/admin/keys", body: #"{"name":"acme-viewer","role":"viewer","tenant":"acme"}"#, key: "sk-master")
        let globex = try await server.send("/admin/keys", body: #"{"name":"globex-app","tenant":"globex"}"#, key: "sk-master")
        let chat = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"hi"}]}"#,
                                         key: globex.json["key"]?.stringValue)
        XCTAssertEqual(chat.status, 200)
        let traceID = try XCTUnwrap(chat.headers["x-strata-trace-id"])
        var operatorView = ""
        for _ in 0..<50 {
            operatorView = try await server.send(.GET, "/console/traces", headers: [("Cookie", "strata_console=sk-master")]).body
            if operatorView.contains("globex-app") { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTAssertTrue(operatorView.contains("globex-app"))
        let cookie = [("Cookie", "strata_console=\(viewer.json["key"]?.stringValue ?? "")")]
        for path in ["/", "/console/traces"] {
            let page = try await server.send(.GET, path, headers: cookie)
            XCTAssertEqual(page.status, 200)
            XCTAssertFalse(page.body.contains("globex-app"), path)
        }
        let detail = try await server.send(.GET, "/console/traces/\(traceID)", headers: cookie)
        XCTAssertEqual(detail.status, 404)
        let audit = try await server.send(.GET, "/admin/audit", key: viewer.json["key"]?.stringValue)
        XCTAssertEqual(audit.status, 403, "the audit log spans tenants")
    }
}
