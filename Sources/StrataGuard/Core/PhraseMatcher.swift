/// A set of phrase rules indexed by their first word, so each token costs one dictionary
/// lookup however many rules there are.
public struct PhraseMatcher: Sendable {
    public let rules: [PhraseRule]
    private let byFirstWord: [String: [Int]]

    public init(_ rules: [PhraseRule]) {
        self.rules = rules
        var index: [String: [Int]] = [:]
        for (n, rule) in rules.enumerated() {
            for w in rule.slots.first ?? [] { index[w, default: []].append(n) }
        }
        byFirstWord = index
    }

    /// Every (rule, token range) match; each rule reported at most once per start token.
    public func matches(_ words: [String]) -> [(rule: PhraseRule, tokens: Range<Int>)] {
        var out: [(PhraseRule, Range<Int>)] = []
        for i in words.indices {
            guard let candidates = byFirstWord[words[i]] else { continue }
            for n in candidates {
                if let r = rules[n].match(words, at: i) { out.append((rules[n], r)) }
            }
        }
        return out
    }
}
