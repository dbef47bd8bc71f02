/// All configured policies; picks the one for a request by layering every matching policy
/// from least to most specific, section by section.
public struct GuardPolicySet: Sendable, Hashable, Codable {
    public var policies: [ScopedGuardPolicy]
    /// Applied under everything, so an empty configuration still guards.
    public var base: GuardPolicy

    public init(policies: [ScopedGuardPolicy] = [], base: GuardPolicy = .standard) {
        self.policies = policies
        self.base = base
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policies = try c.decodeIfPresent([ScopedGuardPolicy].self, forKey: .policies) ?? []
        base = try c.decodeIfPresent(GuardPolicy.self, forKey: .base) ?? .standard
    }

    /// The effective policy and the names of the policies it was layered from (for traces).
    public func resolve(_ context: PolicyContext) -> (policy: GuardPolicy, applied: [String]) {
        let matching = policies.enumerated()
            .filter { $0.element.match.matches(context) }
            // Stable: equal specificity keeps file order, later entries winning.
            .sorted { ($0.element.match.specificity, $0.offset) < ($1.element.match.specificity, $1.offset) }
            .map(\.element)
        var policy = base
        for scoped in matching { policy = scoped.policy.overriding(policy) }
        return (policy, matching.map(\.name))
    }
}
