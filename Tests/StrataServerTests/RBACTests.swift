import StrataCore
import StrataTestSupport
import XCTest

/// Every role against every admin route: who may read, who may change.
final class RBACTests: XCTestCase {
    func testRoleMatrix() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        var keys: [String: String] = ["master": "sk-master"]
        for role in ["admin", "developer", "viewer", "app"] {
            let created = try await server.send("/admin/keys", body: #"{"name":"\#(role)-key","role":"\#(role)"}"#, key: "sk-master")
            XCTAssertEqual(created.status, 201, created.body)
            XCTAssertEqual(created.json["role"]?.stringValue, role)
            keys[role] = created.json["key"]?.stringValue
        }
        struct Route {
            var method: String
            var path: String
            var body: String?
            var allowed: Set<String>
        }
        let everyoneButApp: Set<String> = ["master", "admin", "developer", "viewer"]
        let routes = [
            Route(method: "GET", path: "/admin/keys", allowed: ["master", "admin", "developer"]),
            Route(method: "POST", path: "/admin/keys", body: #"{"name":"made"}"#, allowed: ["master", "admin", "developer"]),
            Route(method: "POST", path: "/admin/keys", body: #"{"name":"boss","role":"admin"}"#, allowed: ["master", "admin"]),
            Route(method: "GET", path: "/admin/prices", allowed: everyoneButApp),
            Route(method: "PUT", path: "/admin/prices/gpt%2F0", body: #"{"input":1,"output":2}"#, allowed: ["master", "admin"]),
            Route(method: "GET", path: "/admin/deployments", allowed: everyoneButApp),
            Route(method: "GET", path: "/admin/audit", allowed: everyoneButApp),
        ]
        for route in routes {
            for (role, key) in keys.sorted(by: { $0.key < $1.key }) {
                let reply = try await server.send(.RAW(value: route.method), route.path, body: route.body, key: key)
                if route.allowed.contains(role) {
                    XCTAssertTrue((200..<300).contains(reply.status), "\(role) \(route.method) \(route.path): \(reply.status) \(reply.body)")
                } else {
                    XCTAssertEqual(reply.status, 403, "\(role) \(route.method) \(route.path): \(reply.body)")
                    XCTAssertEqual(reply.json["error"]?["code"], "forbidden")
                }
            }
        }
        // Trace reads: an app key sees only its own, a viewer sees all.
        let mine = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#,
                                         key: keys["app"])
        let other = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#,
                                          key: "sk-master")
        let otherID = try XCTUnwrap(other.headers["x-strata-trace-id"])
        _ = try await server.trace(otherID, key: "sk-master")
        _ = try await server.trace(try XCTUnwrap(mine.headers["x-strata-trace-id"]), key: "sk-master")
        let asApp = try await server.send(.GET, "/v1/strata/traces/\(otherID)", key: keys["app"])
        XCTAssertEqual(asApp.status, 404)
        let asViewer = try await server.send(.GET, "/v1/strata/traces/\(otherID)", key: keys["viewer"])
        XCTAssertEqual(asViewer.status, 200)
        // A viewer of one tenant sees that tenant's traces, not another's.
        func key(_ name: String, role: String, tenant: String) async throws -> String {
            let made = try await server.send("/admin/keys", body: #"{"name":"\#(name)","role":"\#(role)","metadata":{"tenant":"\#(tenant)"}}"#,
                                             key: "sk-master")
            return try XCTUnwrap(made.json["key"]?.stringValue)
        }
        let acmeApp = try await key("acme-app", role: "app", tenant: "acme")
        let globexApp = try await key("globex-app", role: "app", tenant: "globex")
        let acmeViewer = try await key("acme-viewer", role: "viewer", tenant: "acme")
        let acmeCall = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"a"}]}"#, key: acmeApp)
        let globexCall = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"g"}]}"#, key: globexApp)
        let acmeTrace = try XCTUnwrap(acmeCall.headers["x-strata-trace-id"])
        let globexTrace = try XCTUnwrap(globexCall.headers["x-strata-trace-id"])
        _ = try await server.trace(globexTrace, key: "sk-master")
        _ = try await server.trace(acmeTrace, key: "sk-master")
        let seen = try await server.send(.GET, "/v1/strata/traces?limit=100", key: acmeViewer)
        let ids = seen.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        XCTAssertTrue(ids.contains(acmeTrace), seen.body)
        XCTAssertFalse(ids.contains(globexTrace), "another tenant's trace leaked into the list")
        XCTAssertFalse(ids.contains(otherID), "a trace of no tenant leaked into a tenant's list")
        let direct = try await server.send(.GET, "/v1/strata/traces/\(globexTrace)", key: acmeViewer)
        XCTAssertEqual(direct.status, 404)
        let allowed = try await server.send(.GET, "/v1/strata/traces/\(acmeTrace)", key: acmeViewer)
        XCTAssertEqual(allowed.status, 200)

        // A developer cannot revoke an admin key.
        let adminKeyID = try await server.send(.GET, "/admin/keys", key: "sk-master").json["data"]?.arrayValue?
            .first { $0["role"] == "admin" }?["id"]?.stringValue ?? ""
        let revoke = try await server.send(.DELETE, "/admin/keys/\(adminKeyID)", key: keys["developer"])
        XCTAssertEqual(revoke.status, 403)
    }
}
