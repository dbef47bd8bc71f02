/// The whole `guards:` section of the configuration file in one Codable value: content
/// policies, rate limits, budgets and the tool data-flow policy. Every part is optional and
/// defaults to the standard behaviour, so an empty section is valid.
public struct GuardConfiguration: Sendable, Hashable, Codable {
    public var policies: GuardPolicySet
    public var rateLimits: RateLimitConfig
    public var budgets: BudgetConfig
    public var dataFlow: DataFlowPolicy
    /// An LLM judge for prompt injection after the heuristics; nil: heuristics only.
    public var injectionJudge: InjectionJudgeConfig?

    public init(policies: GuardPolicySet = GuardPolicySet(), rateLimits: RateLimitConfig = RateLimitConfig(),
                budgets: BudgetConfig = BudgetConfig(), dataFlow: DataFlowPolicy = DataFlowPolicy()) {
        self.policies = policies
        self.rateLimits = rateLimits
        self.budgets = budgets
        self.dataFlow = dataFlow
    }

    enum CodingKeys: String, CodingKey {
        case policies, base, budgets
        case rateLimits = "rate_limits"
        case dataFlow = "data_flow"
        case injectionJudge = "injection_judge"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policies = GuardPolicySet(policies: try c.decodeIfPresent([ScopedGuardPolicy].self, forKey: .policies) ?? [],
                                  base: try c.decodeIfPresent(GuardPolicy.self, forKey: .base) ?? .standard)
        rateLimits = try c.decodeIfPresent(RateLimitConfig.self, forKey: .rateLimits) ?? RateLimitConfig()
        budgets = try c.decodeIfPresent(BudgetConfig.self, forKey: .budgets) ?? BudgetConfig()
        dataFlow = try c.decodeIfPresent(DataFlowPolicy.self, forKey: .dataFlow) ?? DataFlowPolicy()
        injectionJudge = try c.decodeIfPresent(InjectionJudgeConfig.self, forKey: .injectionJudge)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policies.policies, forKey: .policies)
        try c.encode(policies.base, forKey: .base)
        try c.encode(rateLimits, forKey: .rateLimits)
        try c.encode(budgets, forKey: .budgets)
        try c.encode(dataFlow, forKey: .dataFlow)
        try c.encodeIfPresent(injectionJudge, forKey: .injectionJudge)
    }
}
