/// Adds models for hosted providers whose API keys are in the environment, so a user with
/// OPENAI_API_KEY set gets OpenAI models without writing any config.
public struct ProviderDiscovery: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    static let defaults: [(variable: String, provider: ProviderKind, models: [(String, Price)])] = [
        ("OPENAI_API_KEY", .openai, [("gpt-4o-mini", Price(input: 0.15, output: 0.60)),
                                     ("gpt-4o", Price(input: 2.50, output: 10.00))]),
        ("ANTHROPIC_API_KEY", .anthropic, [("claude-3-5-haiku-latest", Price(input: 0.80, output: 4.00)),
                                           ("claude-sonnet-4-5", Price(input: 3.00, output: 15.00))]),
        ("GEMINI_API_KEY", .gemini, [("gemini-2.0-flash", Price(input: 0.10, output: 0.40)),
                                     ("gemini-2.5-flash", Price(input: 0.30, output: 2.50))]),
    ]

    /// The config with discovered models appended (names already configured are left alone).
    public func apply(to config: StrataConfig) -> StrataConfig {
        guard config.discoverProviders else { return config }
        var result = config
        let existing = Set(config.models.map(\.name))
        for entry in Self.defaults {
            guard let key = environment[entry.variable], !key.isEmpty else { continue }
            for (name, price) in entry.models where !existing.contains(name) {
                var deployment = DeploymentConfig(provider: entry.provider, model: name, baseURL: nil, apiKey: key)
                deployment.price = price
                var model = ModelConfig(name: name, deployments: [deployment])
                model.ownedBy = entry.provider.rawValue
                result.models.append(model)
            }
        }
        return result
    }
}
