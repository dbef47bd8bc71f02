import Foundation

/// One public model name and the deployments that serve it.
public struct ModelConfig: Codable, Sendable, Hashable {
    public var name: String
    public var deployments: [DeploymentConfig]
    public var fallbacks: [String] = []
    public var strategy = LoadBalancingStrategy.weighted
    /// Shown in `/v1/models` as `owned_by`.
    public var ownedBy: String?
    /// Knowledge collections every request to this model searches (RAG), as if it named them.
    public var knowledge: [String] = []

    public init(name: String, deployments: [DeploymentConfig], fallbacks: [String] = [],
                strategy: LoadBalancingStrategy = .weighted) {
        self.name = name
        self.deployments = deployments
        self.fallbacks = fallbacks
        self.strategy = strategy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, deployments, fallbacks, strategy, knowledge
        case ownedBy = "owned_by"
    }

    /// A model with one deployment may put the deployment's fields beside `name`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        fallbacks = try c.decodeIfPresent([String].self, forKey: .fallbacks) ?? []
        strategy = try c.decodeIfPresent(LoadBalancingStrategy.self, forKey: .strategy) ?? .weighted
        ownedBy = try c.decodeIfPresent(String.self, forKey: .ownedBy)
        knowledge = try c.decodeIfPresent([String].self, forKey: .knowledge) ?? []
        if let list = try c.decodeIfPresent([DeploymentConfig].self, forKey: .deployments) {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            deployments = list
        } else {
            let shared = Set(CodingKeys.allCases.map(\.stringValue))
            deployments = [try DeploymentConfig(from: decoder, alsoAllowing: shared)]
        }
    }
}

/// How a model picks among its healthy deployments.
public enum LoadBalancingStrategy: String, Codable, Sendable, Hashable, CaseIterable {
    case weighted
    case leastBusy = "least-busy"
    case latency
    case cost
}

/// The kinds of upstream Strata speaks to.
public enum ProviderKind: String, Codable, Sendable, Hashable, CaseIterable {
    case openai
    case openaiCompatible = "openai-compatible"
    case azure
    case anthropic
    case gemini
    case local

    public var defaultBaseURL: String? {
        switch self {
        case .openai: return "https://api.openai.com/v1"
        case .anthropic: return "https://api.anthropic.com"
        case .gemini: return "https://generativelanguage.googleapis.com"
        case .openaiCompatible, .azure, .local: return nil
        }
    }
}

/// One upstream that can serve a model: where it is, how to authenticate, what it costs.
public struct DeploymentConfig: Codable, Sendable, Hashable {
    public var id: String?
    public var provider: ProviderKind
    /// The upstream's own model name; defaults to the public name.
    public var model: String?
    public var baseURL: String?
    public var apiKey: String?
    public var apiVersion: String?
    /// Path of a GGUF file, for `provider: local`.
    public var path: String?
    /// `provider: local`: speculative decoding by prompt lookup, tokens drafted per step
    /// (greedy requests only; output unchanged). 0 or absent: off.
    public var draftTokens: Int?
    /// `provider: local`: false batches concurrent requests with the tiled kernels (about 1.3x
    /// the throughput at 16 streams); true (default) computes every token exactly as alone, so
    /// an answer never depends on the requests it ran with.
    public var exactBatching: Bool?
    /// `provider: local`: memory for keys and values (running sequences and the prefix cache),
    /// in bytes; the YAML takes `512MiB`, `2GiB` or a plain byte count. Default 512 MiB.
    public var kvCacheMemory: Int?
    public var weight = 1.0
    public var price: Price?
    public var timeouts = Timeouts()
    public var headers: [String: String] = [:]

    public init(provider: ProviderKind, model: String? = nil, baseURL: String? = nil, apiKey: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, provider, model, path, weight, price, timeouts, headers
        case baseURL = "base_url"
        case apiKey = "api_key"
        case apiVersion = "api_version"
        case draftTokens = "draft_tokens"
        case exactBatching = "exact_batching"
        case kvCacheMemory = "kv_cache_memory"
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, alsoAllowing: [])
    }

    init(from decoder: any Decoder, alsoAllowing extraKeys: Set<String>) throws {
        let known = Set(CodingKeys.allCases.map(\.stringValue)).union(extraKeys)
        if let all = try? decoder.container(keyedBy: DynamicCodingKey.self) {
            for key in all.allKeys where !known.contains(key.stringValue) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [key],
                    debugDescription: "unknown key '\(key.stringValue)'; expected one of: \(known.sorted().joined(separator: ", "))"))
            }
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        provider = try c.decode(ProviderKind.self, forKey: .provider)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL)
        apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        draftTokens = try c.decodeIfPresent(Int.self, forKey: .draftTokens)
        exactBatching = try c.decodeIfPresent(Bool.self, forKey: .exactBatching)
        if let bytes = try? c.decodeIfPresent(Int.self, forKey: .kvCacheMemory) {
            kvCacheMemory = bytes
        } else if let text = try c.decodeIfPresent(String.self, forKey: .kvCacheMemory) {
            guard let bytes = Self.byteCount(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.kvCacheMemory],
                                                        debugDescription: "kv_cache_memory must be a size such as 512MiB or 2GiB"))
            }
            kvCacheMemory = bytes
        }
        if let kvCacheMemory, kvCacheMemory < 16 << 20 {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.kvCacheMemory],
                                                    debugDescription: "kv_cache_memory must be at least 16MiB"))
        }
        if let draftTokens, !(0...15).contains(draftTokens) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.draftTokens],
                                                    debugDescription: "draft_tokens must be between 0 and 15"))
        }
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        price = try c.decodeIfPresent(Price.self, forKey: .price)
        timeouts = try c.decodeIfPresent(Timeouts.self, forKey: .timeouts) ?? Timeouts()
        headers = try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
    }

    public var resolvedBaseURL: String? { baseURL ?? provider.defaultBaseURL }

    /// `512MiB`, `2GiB`, `1.5GB`, `300MB` or a plain number of bytes.
    static func byteCount(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024), ("GB", 1e9), ("MB", 1e6),
                                         ("KB", 1e3), ("B", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), value > 0 else { return nil }
            return Int(value * factor)
        }
        return Int(trimmed)
    }
}

/// USD per million tokens.
public struct Price: Codable, Sendable, Hashable {
    public var input: Double
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        (Double(promptTokens) * input + Double(completionTokens) * output) / 1_000_000
    }
}

/// Per-deployment time limits, in seconds.
public struct Timeouts: Codable, Sendable, Hashable {
    public var connect = 10.0
    public var firstToken = 120.0
    public var total = 600.0

    public init(connect: Double = 10, firstToken: Double = 120, total: Double = 600) {
        self.connect = connect
        self.firstToken = firstToken
        self.total = total
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case connect, total
        case firstToken = "first_token"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        connect = try c.decodeIfPresent(Double.self, forKey: .connect) ?? connect
        firstToken = try c.decodeIfPresent(Double.self, forKey: .firstToken) ?? firstToken
        total = try c.decodeIfPresent(Double.self, forKey: .total) ?? total
    }
}

/// Rules that send a request to another model than the one asked for.
public struct RoutingConfig: Codable, Sendable, Hashable {
    public var rules: [RoutingRule] = []

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case rules }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent([RoutingRule].self, forKey: .rules) ?? []
    }
}

/// `match` conditions (all must hold) and the model to use when they do.
public struct RoutingRule: Codable, Sendable, Hashable {
    public var name: String?
    public var match: Match
    public var routeTo: String

    public init(name: String? = nil, match: Match, routeTo: String) {
        self.name = name
        self.match = match
        self.routeTo = routeTo
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, match
        case routeTo = "route_to"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        match = try c.decodeIfPresent(Match.self, forKey: .match) ?? Match()
        routeTo = try c.decode(String.self, forKey: .routeTo)
    }

    /// What a request must look like for the rule to apply.
    public struct Match: Codable, Sendable, Hashable {
        /// The model (alias) the client asked for.
        public var model: String?
        /// The name of the virtual key used.
        public var key: String?
        public var metadata: [String: String]?
        public var minPromptTokens: Int?
        public var maxPromptTokens: Int?
        public var hasTools: Bool?
        public var hasImages: Bool?

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case model, key, metadata
            case minPromptTokens = "min_prompt_tokens"
            case maxPromptTokens = "max_prompt_tokens"
            case hasTools = "has_tools"
            case hasImages = "has_images"
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            key = try c.decodeIfPresent(String.self, forKey: .key)
            metadata = try c.decodeIfPresent([String: String].self, forKey: .metadata)
            minPromptTokens = try c.decodeIfPresent(Int.self, forKey: .minPromptTokens)
            maxPromptTokens = try c.decodeIfPresent(Int.self, forKey: .maxPromptTokens)
            hasTools = try c.decodeIfPresent(Bool.self, forKey: .hasTools)
            hasImages = try c.decodeIfPresent(Bool.self, forKey: .hasImages)
        }
    }
}
