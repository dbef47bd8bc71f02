import StrataCore
import StrataTestSupport
import XCTest

final class ReloadAndHealthTests: XCTestCase {
    func testReloadSwapsModelsWithoutRestart() async throws {
        let server = try await ServerHarness.start()
        addTeardownBlock { try await server.stop() }
        var config = server.application.config
        config.models = [ModelConfig(name: "renamed", deployments: config.models[0].deployments)]
        try await server.application.reload(config)
        let models = try await server.send(.GET, "/v1/models")
        XCTAssertEqual(models.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["renamed"])
        let chat = try await server.send("/v1/chat/completions", body: #"{"model":"renamed","messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(chat.status, 200)
        let gone = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(gone.status, 404)
    }

    func testActiveHealthChecksCoolDownADeadDeployment() async throws {
        let server = try await ServerHarness.start { config, _ in
            config.healthChecks.intervalSeconds = 0.05
            config.healthChecks.timeoutSeconds = 1
            config.models.append(ModelConfig(name: "dead", deployments: [
                DeploymentConfig(provider: .openai, model: "x", baseURL: "http://127.0.0.1:1/v1", apiKey: "k"),
            ]))
        }
        addTeardownBlock { try await server.stop() }
        var dead: JSONValue?
        for _ in 0..<100 {
            let health = try await server.send(.GET, "/admin/deployments")
            dead = health.json["data"]?.arrayValue?.first { $0["id"] == "dead/0" }
            if dead?["cooling_down"] == true { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTAssertEqual(dead?["cooling_down"], true)
        let health = try await server.send(.GET, "/admin/deployments")
        let alive = health.json["data"]?.arrayValue?.first { $0["id"] == "gpt/0" }
        XCTAssertEqual(alive?["cooling_down"], false)
    }
}

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
