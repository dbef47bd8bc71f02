/// Rate limits as written in configuration: per-kind defaults (every key gets 60 requests a
/// minute) and per-scope overrides, applied to a `RateLimiter` in one call on load or reload.
public struct RateLimitConfig: Sendable, Hashable, Codable {
    /// One scope's rule.
    public struct Entry: Sendable, Hashable, Codable {
        public var scope: LimitScope
        public var rule: RateLimitRule

        public init(scope: LimitScope, rule: RateLimitRule) {
            self.scope = scope
            self.rule = rule
        }

        enum CodingKeys: String, CodingKey { case scope }

        /// Flat form: `{scope: "key:abc", requests_per_minute: 60, ...}`.
        public init(from decoder: any Decoder) throws {
            scope = try decoder.container(keyedBy: CodingKeys.self).decode(LimitScope.self, forKey: .scope)
            rule = try RateLimitRule(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scope, forKey: .scope)
            try rule.encode(to: encoder)
        }
    }

    public var defaults: [LimitScope.Kind: RateLimitRule]
    public var scopes: [Entry]

    public init(defaults: [LimitScope.Kind: RateLimitRule] = [:], scopes: [Entry] = []) {
        self.defaults = defaults
        self.scopes = scopes
    }

    enum CodingKeys: String, CodingKey { case defaults, scopes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var defaults: [LimitScope.Kind: RateLimitRule] = [:]
        for (name, rule) in try c.decodeIfPresent([String: RateLimitRule].self, forKey: .defaults) ?? [:] {
            guard let kind = LimitScope.Kind(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .defaults, in: c, debugDescription: "unknown scope kind \(name)")
            }
            defaults[kind] = rule
        }
        self.defaults = defaults
        scopes = try c.decodeIfPresent([Entry].self, forKey: .scopes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: defaults.map { ($0.key.rawValue, $0.value) }), forKey: .defaults)
        try c.encode(scopes, forKey: .scopes)
    }

    public func apply(to limiter: RateLimiter) async {
        for (kind, rule) in defaults { await limiter.setDefaultRule(rule, for: kind) }
        for entry in scopes { await limiter.setRule(entry.rule, for: entry.scope) }
    }
}
