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
