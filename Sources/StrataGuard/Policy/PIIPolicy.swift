/// Configuration of the PII and secret guard.
public struct PIIPolicy: Sendable, Hashable, Codable {
    public var enabled: Bool
    /// Kinds to look for; nil means every built-in kind.
    public var kinds: Set<FindingKind>?
    public var minConfidence: Double
    /// Action per kind; kinds not listed use `defaultAction` (secrets default to block).
    /// The default is pseudonymisation: providers never see personal data, callers get their
    /// own values back in the answer.
    public var actions: [FindingKind: GuardAction]
    public var defaultAction: GuardAction
    /// Also scan model output (streaming-aware).
    public var checkOutput: Bool

    public init(enabled: Bool = true, kinds: Set<FindingKind>? = nil, minConfidence: Double = 0.5,
                actions: [FindingKind: GuardAction] = [:], defaultAction: GuardAction = .pseudonymize, checkOutput: Bool = true) {
        self.enabled = enabled
        self.kinds = kinds
        self.minConfidence = minConfidence
        self.actions = actions
        self.defaultAction = defaultAction
        self.checkOutput = checkOutput
    }

    /// Actions with the secret defaults filled in under the configured ones.
    public var effectiveActions: [FindingKind: GuardAction] {
        PIIGuard.defaultActions.merging(actions) { _, configured in configured }
    }

    enum CodingKeys: String, CodingKey {
        case enabled, kinds, actions
        case minConfidence = "min_confidence"
        case defaultAction = "default_action"
        case checkOutput = "check_output"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        kinds = try c.decodeIfPresent([FindingKind].self, forKey: .kinds).map(Set.init)
        minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence) ?? 0.5
        let raw = try c.decodeIfPresent([String: GuardAction].self, forKey: .actions) ?? [:]
        actions = Dictionary(uniqueKeysWithValues: raw.map { (FindingKind($0.key), $0.value) })
        defaultAction = try c.decodeIfPresent(GuardAction.self, forKey: .defaultAction) ?? .pseudonymize
        checkOutput = try c.decodeIfPresent(Bool.self, forKey: .checkOutput) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encodeIfPresent(kinds.map { $0.map(\.rawValue).sorted() }, forKey: .kinds)
        try c.encode(minConfidence, forKey: .minConfidence)
        try c.encode(Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, $0.value) }), forKey: .actions)
        try c.encode(defaultAction, forKey: .defaultAction)
        try c.encode(checkOutput, forKey: .checkOutput)
    }
}
