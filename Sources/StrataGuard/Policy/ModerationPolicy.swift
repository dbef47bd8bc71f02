/// Configuration of word-list moderation.
public struct ModerationPolicy: Sendable, Hashable, Codable {
    public var enabled: Bool
    /// Use the built-in lists in addition to `terms`.
    public var builtInLists: Bool
    public var terms: [LexiconEntry]
    public var actions: [FindingKind: GuardAction]
    public var directions: Set<GuardDirection>

    public init(enabled: Bool = true, builtInLists: Bool = true, terms: [LexiconEntry] = [],
                actions: [FindingKind: GuardAction] = [.profanity: .flag, .hate: .block],
                directions: Set<GuardDirection> = [.input, .output]) {
        self.enabled = enabled
        self.builtInLists = builtInLists
        self.terms = terms
        self.actions = actions
        self.directions = directions
    }

    enum CodingKeys: String, CodingKey {
        case enabled, terms, actions, directions
        case builtInLists = "built_in_lists"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        builtInLists = try c.decodeIfPresent(Bool.self, forKey: .builtInLists) ?? true
        terms = try c.decodeIfPresent([LexiconEntry].self, forKey: .terms) ?? []
        if let raw = try c.decodeIfPresent([String: GuardAction].self, forKey: .actions) {
            actions = Dictionary(uniqueKeysWithValues: raw.map { (FindingKind($0.key), $0.value) })
        } else {
            actions = [.profanity: .flag, .hate: .block]
        }
        directions = try c.decodeIfPresent(Set<GuardDirection>.self, forKey: .directions) ?? [.input, .output]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(builtInLists, forKey: .builtInLists)
        try c.encode(terms, forKey: .terms)
        try c.encode(Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, $0.value) }), forKey: .actions)
        try c.encode(directions.map(\.rawValue).sorted(), forKey: .directions)
    }
}
