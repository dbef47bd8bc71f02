/// One term of a moderation word list.
public struct LexiconEntry: Sendable, Codable, Hashable {
    /// Lower-case word or space-separated phrase.
    public var term: String
    public var category: FindingKind
    /// Also match words that start with the term (`fuck` → `fucking`, `fuckface`). Only for
    /// terms that are not the start of innocent words.
    public var matchPrefix: Bool

    public init(_ term: String, category: FindingKind, matchPrefix: Bool = false) {
        self.term = term.lowercased()
        self.category = category
        self.matchPrefix = matchPrefix
    }

    enum CodingKeys: String, CodingKey { case term, category, matchPrefix = "match_prefix" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .term),
                  category: try c.decodeIfPresent(FindingKind.self, forKey: .category) ?? .profanity,
                  matchPrefix: try c.decodeIfPresent(Bool.self, forKey: .matchPrefix) ?? false)
    }
}
