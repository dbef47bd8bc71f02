import StrataCore

/// One upstream ready to call: a model's deployment from the config with its public name,
/// a stable id and everything a provider needs.
public struct Deployment: Sendable, Hashable {
    /// Stable id: `config id` or `<public model>/<index>`; used in traces, metrics and price overrides.
    public var id: String
    public var publicModel: String
    public var kind: ProviderKind
    public var upstreamModel: String
    public var baseURL: String
    public var apiKey: String?
    public var apiVersion: String?
    public var headers: [String: String]
    public var path: String?
    /// Prompt-lookup speculative decoding for local models (0: off).
    public var draftTokens = 0
    /// Batch-invariant decoding for local models (see `DeploymentConfig.exactBatching`).
    public var exactBatching = true
    /// Key/value memory for local models, in bytes.
    public var kvCacheMemory = 512 << 20
    public var weight: Double
    public var price: Price?
    public var timeouts: Timeouts

    public init(id: String, publicModel: String, kind: ProviderKind, upstreamModel: String, baseURL: String,
                apiKey: String? = nil, apiVersion: String? = nil, headers: [String: String] = [:], path: String? = nil,
                weight: Double = 1, price: Price? = nil, timeouts: Timeouts = Timeouts()) {
        self.id = id
        self.publicModel = publicModel
        self.kind = kind
        self.upstreamModel = upstreamModel
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.headers = headers
        self.path = path
        self.weight = weight
        self.price = price
        self.timeouts = timeouts
    }

    /// Builds the deployments of every configured model.
    public static func all(from config: StrataConfig) -> [Deployment] {
        config.models.flatMap { model in
            model.deployments.enumerated().map { index, entry in
                var deployment = Deployment(id: entry.id ?? "\(model.name)/\(index)", publicModel: model.name, kind: entry.provider,
                                            upstreamModel: entry.model ?? model.name, baseURL: entry.resolvedBaseURL ?? "",
                                            apiKey: entry.apiKey, apiVersion: entry.apiVersion, headers: entry.headers,
                                            path: entry.path, weight: entry.weight, price: entry.price, timeouts: entry.timeouts)
                deployment.draftTokens = entry.draftTokens ?? 0
                deployment.exactBatching = entry.exactBatching ?? true
                deployment.kvCacheMemory = entry.kvCacheMemory ?? (512 << 20)
                return deployment
            }
        }
    }

    /// The base URL without a trailing slash.
    public var trimmedBaseURL: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
