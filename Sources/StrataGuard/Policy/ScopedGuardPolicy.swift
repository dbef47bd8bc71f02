/// A named policy and the requests it applies to.
public struct ScopedGuardPolicy: Sendable, Hashable, Codable {
    public var name: String
    public var match: PolicyMatch
    public var policy: GuardPolicy

    public init(name: String, match: PolicyMatch = PolicyMatch(), policy: GuardPolicy) {
        self.name = name
        self.match = match
        self.policy = policy
    }

    enum CodingKeys: String, CodingKey { case name, match, pii, injection, moderation, topics, output }

    /// Flat form in configuration: `{name, match, pii, injection, ...}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        match = try c.decodeIfPresent(PolicyMatch.self, forKey: .match) ?? PolicyMatch()
        policy = GuardPolicy(pii: try c.decodeIfPresent(PIIPolicy.self, forKey: .pii),
                             injection: try c.decodeIfPresent(InjectionPolicy.self, forKey: .injection),
                             moderation: try c.decodeIfPresent(ModerationPolicy.self, forKey: .moderation),
                             topics: try c.decodeIfPresent(TopicPolicy.self, forKey: .topics),
                             output: try c.decodeIfPresent(OutputPolicy.self, forKey: .output))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(match, forKey: .match)
        try c.encodeIfPresent(policy.pii, forKey: .pii)
        try c.encodeIfPresent(policy.injection, forKey: .injection)
        try c.encodeIfPresent(policy.moderation, forKey: .moderation)
        try c.encodeIfPresent(policy.topics, forKey: .topics)
        try c.encodeIfPresent(policy.output, forKey: .output)
    }
}
