/// Which guards run and how, for one request. Every section is optional so that a specific
/// policy (one tenant, one route) overrides only what it names and inherits the rest.
public struct GuardPolicy: Sendable, Hashable, Codable {
    public var pii: PIIPolicy?
    public var injection: InjectionPolicy?
    public var moderation: ModerationPolicy?
    public var topics: TopicPolicy?
    public var output: OutputPolicy?

    public init(pii: PIIPolicy? = nil, injection: InjectionPolicy? = nil, moderation: ModerationPolicy? = nil,
                topics: TopicPolicy? = nil, output: OutputPolicy? = nil) {
        self.pii = pii
        self.injection = injection
        self.moderation = moderation
        self.topics = topics
        self.output = output
    }

    /// The policy used when configuration says nothing: PII redaction (secrets blocked),
    /// injection scoring and moderation on.
    public static let standard = GuardPolicy(pii: PIIPolicy(), injection: InjectionPolicy(), moderation: ModerationPolicy())

    /// This policy's sections where present, `base`'s elsewhere.
    public func overriding(_ base: GuardPolicy) -> GuardPolicy {
        GuardPolicy(pii: pii ?? base.pii, injection: injection ?? base.injection, moderation: moderation ?? base.moderation,
                    topics: topics ?? base.topics, output: output ?? base.output)
    }
}
