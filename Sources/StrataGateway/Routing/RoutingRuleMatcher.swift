import StrataCore

/// Picks the model a request should go to: the first routing rule whose conditions all hold,
/// else the model asked for.
public struct RoutingRuleMatcher: Sendable {
    let rules: [RoutingRule]

    public init(rules: [RoutingRule]) {
        self.rules = rules
    }

    /// What a rule can look at.
    public struct Features: Sendable {
        public var model: String
        public var keyName: String?
        public var metadata: [String: String]
        public var promptTokens: Int
        public var hasTools: Bool
        public var hasImages: Bool

        public init(model: String, keyName: String?, metadata: [String: String], promptTokens: Int, hasTools: Bool,
                    hasImages: Bool) {
            self.model = model
            self.keyName = keyName
            self.metadata = metadata
            self.promptTokens = promptTokens
            self.hasTools = hasTools
            self.hasImages = hasImages
        }

        public init(request: ChatCompletionRequest, keyName: String?) {
            var metadata: [String: String] = [:]
            for (key, value) in request.metadata ?? [:] {
                metadata[key] = value.stringValue ?? value.jsonString()
            }
            self.init(model: request.model, keyName: keyName, metadata: metadata,
                      promptTokens: TokenEstimator.estimate(request), hasTools: !(request.tools ?? []).isEmpty,
                      hasImages: request.messages.contains { $0.content?.hasImages ?? false })
        }
    }

    /// The rule that applies, if any.
    public func match(_ features: Features) -> RoutingRule? {
        rules.first { matches($0.match, features) }
    }

    func matches(_ match: RoutingRule.Match, _ f: Features) -> Bool {
        if let model = match.model, model != f.model { return false }
        if let key = match.key, key != f.keyName { return false }
        if let min = match.minPromptTokens, f.promptTokens < min { return false }
        if let max = match.maxPromptTokens, f.promptTokens > max { return false }
        if let tools = match.hasTools, tools != f.hasTools { return false }
        if let images = match.hasImages, images != f.hasImages { return false }
        for (key, value) in match.metadata ?? [:] where f.metadata[key] != value { return false }
        return true
    }
}
