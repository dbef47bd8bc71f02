import StrataCore
import StrataTestSupport
import XCTest

/// Bad input gets a precise error with a stable code and a fitting status, never a 500.
final class ErrorHandlingTests: XCTestCase {
    var server: ServerHarness!

    override func setUp() async throws {
        server = try await ServerHarness.start(masterKey: "sk-master")
    }

    override func tearDown() async throws {
        try await server.stop()
    }

    func assertError(_ reply: ServerHarness.Reply, status: Int, code: String, param: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reply.status, status, reply.body, file: file, line: line)
        XCTAssertEqual(reply.json["error"]?["code"]?.stringValue, code, reply.body, file: file, line: line)
        XCTAssertNotNil(reply.json["error"]?["message"]?.stringValue, file: file, line: line)
        if let param { XCTAssertEqual(reply.json["error"]?["param"]?.stringValue, param, file: file, line: line) }
    }

    func testRequestErrors() async throws {
        let key = "sk-master"
        assertError(try await server.send("/v1/chat/completions", body: "{", key: key), status: 400, code: "invalid_json")
        assertError(try await server.send("/v1/chat/completions", body: "", key: key), status: 400, code: "invalid_json")
        assertError(try await server.send("/v1/chat/completions", body: #"{"messages":[]}"#, key: key),
                    status: 400, code: "missing_field", param: "model")
        assertError(try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}],"temperature":"hot"}"#, key: key),
                    status: 400, code: "invalid_field", param: "temperature")
        assertError(try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}],"temperature":7}"#, key: key),
                    status: 400, code: "invalid_field", param: "temperature")
        assertError(try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[]}"#, key: key),
                    status: 400, code: "invalid_field", param: "messages")
        assertError(try await server.send("/v1/chat/completions", body: #"{"model":"ghost","messages":[{"role":"user","content":"x"}]}"#, key: key),
                    status: 404, code: "model_not_found", param: "model")
        let huge = #"{"model":"gpt","messages":[{"role":"user","content":""# + String(repeating: "a", count: 100_000) + #""}]}"#
        assertError(try await server.send("/v1/chat/completions", body: huge, key: key), status: 413, code: "body_too_large")
        assertError(try await server.send(.GET, "/v1/nothing", key: key), status: 404, code: "route_not_found")
    }

    func testAuthentication() async throws {
        let body = #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#
        assertError(try await server.send("/v1/chat/completions", body: body), status: 401, code: "invalid_api_key")
        assertError(try await server.send("/v1/chat/completions", body: body, key: "sk-wrong"), status: 401, code: "invalid_api_key")
        let allowed = try await server.send("/v1/chat/completions", body: body, key: "sk-master")
        XCTAssertEqual(allowed.status, 200)
    }

    func testVirtualKeyLifecycle() async throws {
        let created = try await server.send("/admin/keys", body: #"{"name":"team-a","models":["gpt"]}"#, key: "sk-master")
        XCTAssertEqual(created.status, 201, created.body)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        XCTAssertTrue(secret.hasPrefix("sk-strata-"))

        let ok = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: secret)
        XCTAssertEqual(ok.status, 200)
        assertError(try await server.send("/v1/chat/completions", body: #"{"model":"claude","messages":[{"role":"user","content":"x"}]}"#, key: secret),
                    status: 403, code: "model_not_allowed")
        let models = try await server.send(.GET, "/v1/models", key: secret)
        XCTAssertEqual(models.json["data"]?.arrayValue?.count, 1, "a key sees only its models")
        assertError(try await server.send(.GET, "/admin/keys", key: secret), status: 403, code: "forbidden")

        // Its traces are visible to it; other traces are not.
        let own = try await server.trace(try XCTUnwrap(ok.headers["x-strata-trace-id"]), key: secret)
        XCTAssertEqual(own["key_name"], "team-a")
        let masters = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        _ = try await server.trace(try XCTUnwrap(masters.headers["x-strata-trace-id"]), key: "sk-master")
        let listed = try await server.send(.GET, "/v1/strata/traces", key: secret)
        XCTAssertTrue(listed.json["data"]?.arrayValue?.allSatisfy { $0["key_id"]?.stringValue == id } ?? false, listed.body)
        let foreign = try await server.send(.GET, "/v1/strata/traces/\(masters.headers["x-strata-trace-id"] ?? "")", key: secret)
        XCTAssertEqual(foreign.status, 404)

        let audit = try await server.send(.GET, "/admin/audit", key: "sk-master")
        let actions = audit.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
        XCTAssertTrue(actions.contains("key.create"), audit.body)
        XCTAssertFalse(audit.body.contains(secret), "the audit log never holds a secret")
        let listing = try await server.send(.GET, "/admin/keys", key: "sk-master")
        XCTAssertFalse(listing.body.contains(secret), "secrets are never listed")
        let revoked = try await server.send(.DELETE, "/admin/keys/\(id)", key: "sk-master")
        XCTAssertEqual(revoked.status, 200)
        assertError(try await server.send(.GET, "/v1/models", key: secret), status: 401, code: "invalid_api_key")
    }

    func testUpstreamErrorsMapToGatewayStatuses() async throws {
        server.upstream.enqueue(.status(429, retryAfter: 0, message: "slow down"), .status(429, retryAfter: 2, message: "slow down"))
        let limited = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        assertError(limited, status: 429, code: "upstream_rate_limited")
        XCTAssertEqual(limited.headers["retry-after"], "2")
        XCTAssertNotNil(limited.headers["x-strata-trace-id"])

        server.upstream.enqueue(.status(500, message: "kaboom"), .status(500, message: "kaboom"))
        let failed = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        assertError(failed, status: 502, code: "upstream_error")
        XCTAssertTrue(failed.json["error"]?["message"]?.stringValue?.contains("kaboom") ?? false, "the upstream's message is passed on")
    }

    func testPricesCanBeSetAtRuntime() async throws {
        let set = try await server.send(.PUT, "/admin/prices/gpt%2F0", body: #"{"input":100,"output":200}"#, key: "sk-master")
        XCTAssertEqual(set.status, 200, set.body)
        let reply = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]), key: "sk-master")
        let expected = ((trace["prompt_tokens"]?.doubleValue ?? 0) * 100 + 3 * 200) / 1_000_000
        XCTAssertEqual(trace["cost"]?.doubleValue ?? 0, expected, accuracy: 1e-12)
        assertError(try await server.send(.PUT, "/admin/prices/ghost", body: #"{"input":1,"output":1}"#, key: "sk-master"),
                    status: 404, code: "not_found")
    }

    func testOperationsEndpoints() async throws {
        _ = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        let health = try await server.send(.GET, "/healthz")
        XCTAssertEqual(health.json["status"], "ok")
        let ready = try await server.send(.GET, "/readyz")
        XCTAssertEqual(ready.json["status"], "ready")
        let metrics = try await server.send(.GET, "/metrics")
        XCTAssertTrue(metrics.body.contains("strata_requests_total"), metrics.body)
        XCTAssertTrue(metrics.body.contains("strata_tokens_total"))
        _ = try await server.send("/v1/chat/completions", body: #"{"model":"made-up-<x>","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        let after = try await server.send(.GET, "/metrics")
        XCTAssertFalse(after.body.contains("made-up"), "unknown model names never become metric labels")
        XCTAssertTrue(after.body.contains("model=\"_unknown\""), after.body)
        let openAPI = try await server.send(.GET, "/openapi.json")
        let paths = openAPI.json["paths"]?.objectValue?.keys.sorted() ?? []
        for path in ["/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/admin/keys", "/v1/strata/traces", "/metrics"] {
            XCTAssertTrue(paths.contains(path), path)
        }
    }
}
