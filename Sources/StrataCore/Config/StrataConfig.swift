/// The whole of `strata.yaml`: the single source of truth for models, deployments,
/// routing, reliability, storage and auth. Every field has a default, so an empty file is valid.
public struct StrataConfig: Codable, Sendable, Hashable {
    public var server = ServerConfig()
    public var storage = StorageConfig()
    public var auth = AuthConfig()
    public var models: [ModelConfig] = []
    public var routing = RoutingConfig()
    public var retries = RetryConfig()
    public var cooldown = CooldownConfig()
    public var healthChecks = HealthCheckConfig()
    public var logging = LoggingConfig()
    /// Add default models for providers whose API keys are in the environment
    /// (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY).
    public var discoverProviders = true
    /// The `guards:` section (policies, rate limits, budgets), decoded by the gateway into
    /// StrataGuard's configuration; nil leaves requests unguarded.
    public var guards: JSONValue?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case server, storage, auth, models, routing, retries, cooldown, logging
        case healthChecks = "health_checks"
        case discoverProviders = "discover_providers"
        case guards
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decodeIfPresent(ServerConfig.self, forKey: .server) ?? server
        storage = try c.decodeIfPresent(StorageConfig.self, forKey: .storage) ?? storage
        auth = try c.decodeIfPresent(AuthConfig.self, forKey: .auth) ?? auth
        models = try c.decodeIfPresent([ModelConfig].self, forKey: .models) ?? []
        routing = try c.decodeIfPresent(RoutingConfig.self, forKey: .routing) ?? routing
        retries = try c.decodeIfPresent(RetryConfig.self, forKey: .retries) ?? retries
        cooldown = try c.decodeIfPresent(CooldownConfig.self, forKey: .cooldown) ?? cooldown
        healthChecks = try c.decodeIfPresent(HealthCheckConfig.self, forKey: .healthChecks) ?? healthChecks
        logging = try c.decodeIfPresent(LoggingConfig.self, forKey: .logging) ?? logging
        discoverProviders = try c.decodeIfPresent(Bool.self, forKey: .discoverProviders) ?? true
        guards = try c.decodeIfPresent(JSONValue.self, forKey: .guards)
    }

    public func model(named name: String) -> ModelConfig? {
        models.first { $0.name == name }
    }
}

/// Where the HTTP server listens and how large a request may be.
public struct ServerConfig: Codable, Sendable, Hashable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var maxBodyBytes = 8 * 1024 * 1024

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port
        case maxBodyBytes = "max_body_bytes"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? port
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? maxBodyBytes
    }
}

/// The store and the trace recorder's queue.
public struct StorageConfig: Codable, Sendable, Hashable {
    /// A SQLite file path (default) or, later, a `postgres://` URL.
    public var database = "data/strata.sqlite"
    /// Request and response bodies are cut to this many bytes in traces; 0 keeps none.
    public var traceBodyMaxBytes = 32 * 1024
    public var queueCapacity = 10_000
    /// `drop` (count and drop new traces) or `block` (the request waits for room).
    public var onQueueFull = QueueFullPolicy.drop
    public var batchSize = 256
    public var flushIntervalMilliseconds = 200

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case database
        case traceBodyMaxBytes = "trace_body_max_bytes"
        case queueCapacity = "queue_capacity"
        case onQueueFull = "on_queue_full"
        case batchSize = "batch_size"
        case flushIntervalMilliseconds = "flush_interval_ms"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        database = try c.decodeIfPresent(String.self, forKey: .database) ?? database
        traceBodyMaxBytes = try c.decodeIfPresent(Int.self, forKey: .traceBodyMaxBytes) ?? traceBodyMaxBytes
        queueCapacity = try c.decodeIfPresent(Int.self, forKey: .queueCapacity) ?? queueCapacity
        onQueueFull = try c.decodeIfPresent(QueueFullPolicy.self, forKey: .onQueueFull) ?? onQueueFull
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
        flushIntervalMilliseconds = try c.decodeIfPresent(Int.self, forKey: .flushIntervalMilliseconds) ?? flushIntervalMilliseconds
    }

    /// What the recorder does when its queue is full.
    public enum QueueFullPolicy: String, Codable, Sendable, Hashable {
        case drop, block
    }
}

/// Who may call the API. Without a master key the server is open (it listens on loopback by default).
public struct AuthConfig: Codable, Sendable, Hashable {
    public var masterKey: String?
    /// HMAC-SHA256 secret with which a trusted backend signs `X-Strata-Principal` (the end user
    /// a request is made for, narrowing what retrieval may return); nil ignores that header.
    public var principalSecret: String?
    /// Groups and clearances of end users named in a request's `user` field. Applies only to
    /// keys with `trust_user_field: "true"` metadata (backends that vouch for their users).
    public var users: [String: UserEntry] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case masterKey = "master_key"
        case principalSecret = "principal_secret"
        case users
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        masterKey = try c.decodeIfPresent(String.self, forKey: .masterKey)
        if masterKey?.isEmpty == true { masterKey = nil }
        principalSecret = try c.decodeIfPresent(String.self, forKey: .principalSecret)
        if principalSecret?.isEmpty == true { principalSecret = nil }
        users = try c.decodeIfPresent([String: UserEntry].self, forKey: .users) ?? [:]
    }
}

/// One end user in `auth.users`.
public struct UserEntry: Codable, Sendable, Hashable {
    public var groups: [String] = []
    public var clearances: [String] = []

    public init(groups: [String] = [], clearances: [String] = []) {
        self.groups = groups
        self.clearances = clearances
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case groups, clearances
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        clearances = try c.decodeIfPresent([String].self, forKey: .clearances) ?? []
    }
}

/// Retries of one deployment before moving on: exponential backoff with full jitter, Retry-After honoured.
public struct RetryConfig: Codable, Sendable, Hashable {
    public var maxRetries = 2
    public var initialBackoffMilliseconds = 200
    public var maxBackoffMilliseconds = 8_000

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxRetries = "max_retries"
        case initialBackoffMilliseconds = "initial_backoff_ms"
        case maxBackoffMilliseconds = "max_backoff_ms"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxRetries = try c.decodeIfPresent(Int.self, forKey: .maxRetries) ?? maxRetries
        initialBackoffMilliseconds = try c.decodeIfPresent(Int.self, forKey: .initialBackoffMilliseconds) ?? initialBackoffMilliseconds
        maxBackoffMilliseconds = try c.decodeIfPresent(Int.self, forKey: .maxBackoffMilliseconds) ?? maxBackoffMilliseconds
    }
}

/// The circuit breaker: after `failures` consecutive failures a deployment rests `seconds`.
public struct CooldownConfig: Codable, Sendable, Hashable {
    public var failures = 3
    public var seconds = 30.0

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case failures, seconds }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        failures = try c.decodeIfPresent(Int.self, forKey: .failures) ?? failures
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? seconds
    }
}

/// Active health checks of deployments (`GET {base_url}/models`); 0 seconds turns them off.
public struct HealthCheckConfig: Codable, Sendable, Hashable {
    public var intervalSeconds = 0.0
    public var timeoutSeconds = 5.0

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case intervalSeconds = "interval_seconds"
        case timeoutSeconds = "timeout_seconds"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intervalSeconds = try c.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? intervalSeconds
        timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? timeoutSeconds
    }
}

/// Log level and format.
public struct LoggingConfig: Codable, Sendable, Hashable {
    public var level = "info"

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case level }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.decodeIfPresent(String.self, forKey: .level) ?? level
    }
}

extension Decoder {
    /// Throws for a key the type does not know, so a typo in `strata.yaml` is an error with a line number.
    func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ keys: K.Type) throws {
        guard let container = try? container(keyedBy: DynamicCodingKey.self) else { return }
        let known = Set(K.allCases.map(\.stringValue))
        for key in container.allKeys where !known.contains(key.stringValue) {
            let expected = known.sorted().joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key],
                debugDescription: "unknown key '\(key.stringValue)'; expected one of: \(expected)"))
        }
    }
}
