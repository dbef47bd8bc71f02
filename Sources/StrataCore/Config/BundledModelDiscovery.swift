import Foundation

/// Serves the bundled models (fetched into `models/` by `make`) without any config:
/// `smollm2-135m` on the local engine and `all-minilm-l6-v2` as the embedding model.
public struct BundledModelDiscovery: Sendable {
    public var modelsDirectory: String

    public init(modelsDirectory: String) {
        self.modelsDirectory = modelsDirectory
    }

    static let bundled: [(name: String, file: String)] = [
        ("smollm2-135m", "SmolLM2-135M-Instruct.Q4_1.gguf"),
        ("all-minilm-l6-v2", "all-minilm-l6-v2"),
    ]

    /// The config with each bundled model that is present on disk and not configured yet.
    public func apply(to config: StrataConfig) -> StrataConfig {
        guard config.discoverProviders else { return config }
        var result = config
        let existing = Set(config.models.map(\.name))
        for entry in Self.bundled where !existing.contains(entry.name) {
            let path = (modelsDirectory as NSString).appendingPathComponent(entry.file)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            var deployment = DeploymentConfig(provider: .local, model: entry.name)
            deployment.path = path
            deployment.price = Price(input: 0, output: 0)
            var model = ModelConfig(name: entry.name, deployments: [deployment])
            model.ownedBy = "strata"
            result.models.append(model)
        }
        return result
    }
}
