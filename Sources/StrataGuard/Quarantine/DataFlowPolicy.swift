/// Where quarantined data may flow: per tool, whether arguments may carry values that came
/// from untrusted sources, and from which sources if only some are acceptable.
///
/// Tools not listed are treated as sinks with `defaultRule`, so a new tool is safe until
/// someone decides otherwise.
public struct DataFlowPolicy: Sendable, Codable, Hashable {
    /// The rule for one tool.
    public struct Rule: Sendable, Codable, Hashable {
        /// What happens when an argument carries quarantined data the rule does not allow.
        public var onViolation: GuardAction
        /// Sources whose data may flow into this tool; `["*"]` allows any.
        public var allowedSources: [String]

        public init(onViolation: GuardAction = .block, allowedSources: [String] = []) {
            self.onViolation = onViolation
            self.allowedSources = allowedSources
        }

        enum CodingKeys: String, CodingKey {
            case onViolation = "on_violation"
            case allowedSources = "allowed_sources"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            onViolation = try c.decodeIfPresent(GuardAction.self, forKey: .onViolation) ?? .block
            allowedSources = try c.decodeIfPresent([String].self, forKey: .allowedSources) ?? []
        }

        func allows(_ source: String) -> Bool {
            allowedSources.contains("*") || allowedSources.contains(source)
        }
    }

    public var tools: [String: Rule]
    public var defaultRule: Rule

    public init(tools: [String: Rule] = [:], defaultRule: Rule = Rule(onViolation: .flag)) {
        self.tools = tools
        self.defaultRule = defaultRule
    }

    enum CodingKeys: String, CodingKey {
        case tools
        case defaultRule = "default"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tools = try c.decodeIfPresent([String: Rule].self, forKey: .tools) ?? [:]
        defaultRule = try c.decodeIfPresent(Rule.self, forKey: .defaultRule) ?? Rule(onViolation: .flag)
    }

    /// Checks one tool call whose arguments the privileged model wrote (so they may contain
    /// quarantine references). `.flag` means "ask a human"; `.block` means refuse.
    public func check(tool: String, arguments: [String: String], store: QuarantineStore) -> DataFlowDecision {
        let rule = tools[tool] ?? defaultRule
        var violations: [String] = []
        for (name, value) in arguments.sorted(by: { $0.key < $1.key }) {
            for source in store.sources(in: value).sorted() where !rule.allows(source) {
                violations.append("argument '\(name)' carries data from \(source)")
            }
        }
        guard !violations.isEmpty, rule.onViolation != .allow else { return .allow }
        let reason = "tool '\(tool)': " + violations.joined(separator: "; ")
        return rule.onViolation == .block ? .block(reason: reason) : .requireApproval(reason: reason)
    }
}
