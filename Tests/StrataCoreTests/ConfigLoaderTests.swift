import StrataCore
import XCTest

final class ConfigLoaderTests: XCTestCase {
    let loader = ConfigLoader(environment: ["OPENAI_KEY": "sk-test", "EMPTY": ""])

    func testFullConfigDecodes() throws {
        let yaml = """
            server:
              port: 9090
            auth:
              master_key: ${OPENAI_KEY}
            models:
              - name: fast
                strategy: least-busy
                fallbacks: [smart]
                deployments:
                  - provider: openai
                    model: gpt-4o-mini
                    api_key: ${OPENAI_KEY}
                    price: {input: 0.15, output: 0.6}
                    timeouts: {connect: 2, first_token: 5, total: 30}
                  - provider: openai-compatible
                    base_url: http://127.0.0.1:8000/v1
                    weight: 3
              - name: smart
                provider: anthropic
                model: claude-sonnet-4-5
                api_key: ${MISSING:-none}
            routing:
              rules:
                - match: {min_prompt_tokens: 4000}
                  route_to: smart
            """
        let config = try loader.parse(yaml)
        XCTAssertEqual(config.server.port, 9090)
        XCTAssertEqual(config.auth.masterKey, "sk-test")
        XCTAssertEqual(config.models.count, 2)
        XCTAssertEqual(config.models[0].strategy, .leastBusy)
        XCTAssertEqual(config.models[0].deployments[0].timeouts.firstToken, 5)
        XCTAssertEqual(config.models[0].deployments[1].weight, 3)
        XCTAssertEqual(config.models[1].deployments.count, 1, "a model may inline its single deployment")
        XCTAssertEqual(config.models[1].deployments[0].apiKey, "none")
        XCTAssertEqual(config.routing.rules[0].match.minPromptTokens, 4000)
    }

    func testEmptyFileIsDefaults() throws {
        let config = try loader.parse("")
        XCTAssertEqual(config.server.port, 8080)
        XCTAssertTrue(config.models.isEmpty)
    }

    func testLocalEngineSettings() throws {
        let yaml = """
            models:
              - {name: a, provider: local, path: /m.gguf, kv_cache_memory: 2GiB, exact_batching: false, draft_tokens: 8}
              - {name: b, provider: local, path: /m.gguf, kv_cache_memory: 64MB}
              - {name: c, provider: local, path: /m.gguf, kv_cache_memory: 33554432}
            """
        let models = try loader.parse(yaml).models
        XCTAssertEqual(models[0].deployments[0].kvCacheMemory, 2 << 30)
        XCTAssertEqual(models[0].deployments[0].exactBatching, false)
        XCTAssertEqual(models[1].deployments[0].kvCacheMemory, 64_000_000)
        XCTAssertEqual(models[2].deployments[0].kvCacheMemory, 32 << 20)
        for bad in ["lots", "1MiB", "-5GiB"] {
            XCTAssertThrowsError(try loader.parse("models:\n  - {name: a, provider: local, path: /m, kv_cache_memory: \(bad)}"), bad) { error in
                XCTAssertTrue("\(error)".contains("kv_cache_memory"), "\(error)")
            }
        }
    }

    func testUnknownKeyReportsItsLine() {
        let yaml = """
            server:
              port: 9090
              hots: 0.0.0.0
            """
        XCTAssertThrowsError(try loader.parse(yaml)) { error in
            let issue = (error as? ConfigError)?.issues.first
            XCTAssertEqual(issue?.line, 3)
            XCTAssertTrue(issue?.message.contains("unknown key 'hots'") ?? false, "\(String(describing: issue))")
        }
    }

    func testTypeErrorReportsLineAndPath() {
        let yaml = """
            models:
              - name: a
                provider: openai
                weight: heavy
            """
        XCTAssertThrowsError(try loader.parse(yaml)) { error in
            let issue = (error as? ConfigError)?.issues.first
            XCTAssertEqual(issue?.line, 4)
            XCTAssertEqual(issue?.path, "models[0].weight")
        }
    }

    func testUnknownProviderIsRejected() {
        let yaml = """
            models:
              - name: a
                provider: opena
            """
        XCTAssertThrowsError(try loader.parse(yaml)) { error in
            let issue = (error as? ConfigError)?.issues.first
            XCTAssertEqual(issue?.line, 3)
        }
    }

    func testMissingEnvironmentVariableNamesLine() {
        let yaml = """
            models:
              - name: a
                provider: openai
                api_key: ${NOT_SET_ANYWHERE}
            """
        XCTAssertThrowsError(try loader.parse(yaml)) { error in
            let issue = (error as? ConfigError)?.issues.first
            XCTAssertEqual(issue?.line, 4)
            XCTAssertTrue(issue?.message.contains("NOT_SET_ANYWHERE") ?? false)
        }
    }

    func testSemanticErrorsPointAtTheirLines() {
        let yaml = """
            models:
              - name: a
                provider: openai-compatible
                fallbacks: [ghost]
            routing:
              rules:
                - route_to: nowhere
            """
        XCTAssertThrowsError(try loader.parse(yaml)) { error in
            guard let issues = (error as? ConfigError)?.issues else { return XCTFail("\(error)") }
            XCTAssertTrue(issues.contains { $0.message.contains("fallback 'ghost'") && $0.line == 4 }, "\(issues)")
            XCTAssertTrue(issues.contains { $0.message.contains("needs base_url") && $0.line == 2 }, "\(issues)")
            XCTAssertTrue(issues.contains { $0.message.contains("route_to 'nowhere'") && $0.line == 7 }, "\(issues)")
        }
    }

    func testYAMLSyntaxErrorHasLine() {
        XCTAssertThrowsError(try loader.parse("models:\n  - name: [unclosed\n")) { error in
            XCTAssertNotNil((error as? ConfigError)?.issues.first?.line)
        }
    }

    func testDiscoveryAddsModelsForKeysInEnvironment() {
        let config = ProviderDiscovery(environment: ["ANTHROPIC_API_KEY": "k"]).apply(to: StrataConfig())
        XCTAssertTrue(config.models.contains { $0.name == "claude-3-5-haiku-latest" && $0.deployments[0].provider == .anthropic })
        XCTAssertFalse(config.models.contains { $0.deployments[0].provider == .openai })
        var off = StrataConfig()
        off.discoverProviders = false
        XCTAssertTrue(ProviderDiscovery(environment: ["ANTHROPIC_API_KEY": "k"]).apply(to: off).models.isEmpty)
    }
}
