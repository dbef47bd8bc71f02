import StrataCore
import StrataTestSupport
import XCTest

final class ConsoleTests: XCTestCase {
    func testConsoleShowsModelsAndTracesAndEscapes() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        let locked = try await server.send(.GET, "/")
        XCTAssertTrue(locked.body.contains("Sign in"))
        XCTAssertFalse(locked.body.contains("gpt/0"))
        _ = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#, key: "sk-master")
        let missing = try await server.send("/v1/chat/completions", body: #"{"model":"<script>","messages":[{"role":"user","content":"x"}]}"#,
                                            key: "sk-master")
        _ = try await server.trace(try XCTUnwrap(missing.headers["x-strata-trace-id"]), key: "sk-master")
        let login = try await server.send("/console/login", body: "key=sk-master",
                                          headers: [("content-type", "application/x-www-form-urlencoded")])
        let cookie = try XCTUnwrap(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let page = try await server.send(.GET, "/", headers: [("cookie", cookie)])
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.body.contains("gpt/0"))
        XCTAssertTrue(page.body.contains("&lt;script&gt;"), "model names from requests are escaped")
        XCTAssertFalse(page.body.contains("<script>"))
        let traces = try await server.send(.GET, "/console/traces?status=error", headers: [("cookie", cookie)])
        XCTAssertTrue(traces.body.contains("model_not_found"))
        let wrong = try await server.send("/console/login", body: "key=nope", headers: [("content-type", "application/x-www-form-urlencoded")])
        XCTAssertTrue(wrong.body.contains("may not open the console"))
    }
}
