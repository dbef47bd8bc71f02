import StrataCore
import StrataGuard
import StrataProviders

/// The configured models and their deployments: an immutable snapshot, replaced whole on
/// config reload so in-flight requests keep the one they started with.
public struct ModelCatalog: Sendable {
    public let config: StrataConfig
    public let deployments: [String: [Deployment]]
    public let models: [String: ModelConfig]
    /// The guard stages from the `guards:` section, nil when it is absent.
    public let guards: GuardStage?

    public init(config: StrataConfig) throws {
        self.config = config
        self.guards = try GuardStage.make(from: config.guards)
        self.deployments = Dictionary(grouping: Deployment.all(from: config), by: \.publicModel)
        self.models = Dictionary(config.models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var modelNames: [String] { config.models.map(\.name) }

    public func deployments(of model: String) -> [Deployment] {
        deployments[model] ?? []
    }

    public var allDeployments: [Deployment] {
        config.models.flatMap { deployments(of: $0.name) }
    }

    /// The model itself followed by its fallbacks (and theirs), each once.
    public func fallbackChain(from model: String) -> [String] {
        var chain: [String] = []
        var queue = [model]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard !chain.contains(next), models[next] != nil else { continue }
            chain.append(next)
            queue += models[next]?.fallbacks ?? []
        }
        return chain
    }
}
