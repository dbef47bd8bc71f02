/// A virtual API key as stored: only the SHA-256 of the secret, never the secret itself.
public struct APIKeyRecord: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var secretHash: String
    /// The first characters of the secret, to recognise a key in lists.
    public var displayPrefix: String
    /// Empty means every model.
    public var allowedModels: [String]
    public var metadata: [String: String]
    public var role: Role = .app
    public var createdAt: Double
    public var expiresAt: Double?
    public var revokedAt: Double?

    public init(id: String, name: String, secretHash: String, displayPrefix: String, allowedModels: [String],
                metadata: [String: String], createdAt: Double, expiresAt: Double?) {
        self.id = id
        self.name = name
        self.secretHash = secretHash
        self.displayPrefix = displayPrefix
        self.allowedModels = allowedModels
        self.metadata = metadata
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public func isUsable(at time: Double) -> Bool {
        revokedAt == nil && (expiresAt.map { time < $0 } ?? true)
    }

    public func allows(model: String) -> Bool {
        allowedModels.isEmpty || allowedModels.contains(model)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, metadata, role
        case secretHash = "secret_hash"
        case displayPrefix = "display_prefix"
        case allowedModels = "allowed_models"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }
}

/// Where virtual keys are kept.
public protocol KeyStore: Sendable {
    func insert(_ key: APIKeyRecord) async throws
    func key(secretHash: String) async throws -> APIKeyRecord?
    func key(id: String) async throws -> APIKeyRecord?
    func listKeys() async throws -> [APIKeyRecord]
    /// Returns false when no such key exists.
    func revoke(id: String, at time: Double) async throws -> Bool
}

/// A price set at run time for a deployment (e.g. from a spot-price feed), overriding the config.
public struct PriceOverride: Codable, Sendable, Hashable {
    public var deployment: String
    public var input: Double
    public var output: Double
    public var updatedAt: Double

    public init(deployment: String, input: Double, output: Double, updatedAt: Double) {
        self.deployment = deployment
        self.input = input
        self.output = output
        self.updatedAt = updatedAt
    }
}

/// Where runtime price overrides are kept.
public protocol PriceStore: Sendable {
    func upsert(_ price: PriceOverride) async throws
    func priceOverrides() async throws -> [PriceOverride]
}
