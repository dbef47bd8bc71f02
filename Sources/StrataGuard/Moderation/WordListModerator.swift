/// Moderation by word lists, robust to the usual disguises: leetspeak (`sh1t`), repeated
/// letters (`fuuuuck`), spaced or dotted letters (`f.u.c.k`), masked letters (`f*ck`),
/// look-alike and full-width characters. Matches whole words only, so `Scunthorpe` and
/// `assessment` pass.
public struct WordListModerator: PreparedTextGuard {
    public let name: String
    public let lexicon: ModerationLexicon
    /// Action per category; categories not listed are flagged.
    public let actions: [FindingKind: GuardAction]

    public init(name: String = "moderation",
                entries: [LexiconEntry] = DefaultLexicons.profanity + DefaultLexicons.hate,
                actions: [FindingKind: GuardAction] = [.profanity: .flag, .hate: .block]) {
        self.name = name
        lexicon = ModerationLexicon(entries)
        self.actions = actions
    }

    public func findings(in text: ScannedText) -> [GuardFinding] {
        findings(in: text, tokens: WordTokenizer.tokens(text))
    }

    func findings(in text: ScannedText, tokens: [WordToken]) -> [GuardFinding] {
        lexicon.matches(tokens).map { m in
            let range = tokens[m.tokens.lowerBound].range.lowerBound..<tokens[m.tokens.upperBound - 1].range.upperBound
            return text.finding(m.entry.category, range, confidence: 0.9, detail: m.entry.term)
        }
    }

    public func check(_ text: String, direction: GuardDirection) -> GuardVerdict {
        check(PreparedText(text), direction: direction)
    }

    public func check(_ text: PreparedText, direction: GuardDirection) -> GuardVerdict {
        let found = findings(in: text.scanned, tokens: text.words).filter { (actions[$0.kind] ?? .flag) != .allow }
        guard !found.isEmpty else { return .allow }
        let top = found.map { actions[$0.kind] ?? .flag }.max() ?? .flag
        switch top {
        case .allow: return .allow
        case .flag: return .flag(findings: found)
        case .redact, .pseudonymize: return .redact(findings: found)
        case .block:
            let kinds = Set(found.filter { actions[$0.kind] == .block }.map(\.kind.rawValue)).sorted()
            return .block(reason: "content not allowed: " + kinds.joined(separator: ", "), findings: found)
        }
    }
}
