/// Blocks (or flags) text that mentions a denied topic, e.g. a support bot that must not
/// give legal or medical advice or discuss a competitor.
public struct TopicDenyList: PreparedTextGuard {
    public let name: String
    public let topics: [DeniedTopic]
    public let action: GuardAction
    private let matcher: PhraseMatcher

    public init(name: String = "topics", topics: [DeniedTopic], action: GuardAction = .block) {
        self.name = name
        self.topics = topics
        self.action = action
        var rules: [PhraseRule] = []
        for topic in topics {
            for phrase in topic.phrases {
                let words = phrase.lowercased().split(separator: " ").map { Set([String($0)]) }
                if !words.isEmpty { rules.append(PhraseRule(topic.name, words, maxGap: 0, weight: 1)) }
            }
        }
        matcher = PhraseMatcher(rules)
    }

    public func check(_ text: String, direction: GuardDirection) -> GuardVerdict {
        check(PreparedText(text), direction: direction)
    }

    public func check(_ text: PreparedText, direction: GuardDirection) -> GuardVerdict {
        let scanned = text.scanned
        let tokens = text.words
        let found = matcher.matches(tokens.map(\.text)).map { rule, r in
            scanned.finding(.deniedTopic, tokens[r.lowerBound].range.lowerBound..<tokens[r.upperBound - 1].range.upperBound,
                            confidence: 0.9, detail: rule.id)
        }
        guard !found.isEmpty, action != .allow else { return .allow }
        switch action {
        case .block:
            let names = Set(found.map(\.detail)).sorted().joined(separator: ", ")
            return .block(reason: "topic not allowed: \(names)", findings: found)
        case .redact, .pseudonymize: return .redact(findings: found)
        default: return .flag(findings: found)
        }
    }
}
