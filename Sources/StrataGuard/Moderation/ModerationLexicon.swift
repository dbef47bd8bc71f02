/// A moderation word list compiled for matching: single words are indexed by their
/// repeated-letter-collapsed form (`fuuuck` and `fuck` share the key `fuck`), prefixes by
/// their collapsed stem, phrases by a `PhraseMatcher`.
public struct ModerationLexicon: Sendable {
    public let entries: [LexiconEntry]
    private let exact: [String: [Int]]
    private let prefixes: [String: [Int]]
    private let prefixLengths: [Int]
    private let phrases: PhraseMatcher
    private let entryRuns: [[Run]]

    struct Run: Equatable {
        var scalar: Unicode.Scalar
        var count: Int
    }

    public init(_ entries: [LexiconEntry]) {
        self.entries = entries
        var exact: [String: [Int]] = [:]
        var prefixes: [String: [Int]] = [:]
        var lengths: Set<Int> = []
        var phraseRules: [PhraseRule] = []
        var runs: [[Run]] = []
        for (i, e) in entries.enumerated() {
            let r = Self.runs(Array(e.term.unicodeScalars))
            runs.append(r)
            if e.term.contains(" ") {
                phraseRules.append(PhraseRule(String(i), spec: e.term, maxGap: 0, weight: 1))
                continue
            }
            let key = Self.key(r)
            if e.matchPrefix {
                prefixes[key, default: []].append(i)
                lengths.insert(r.count)
            } else {
                exact[key, default: []].append(i)
            }
        }
        self.exact = exact
        self.prefixes = prefixes
        prefixLengths = lengths.sorted()
        phrases = PhraseMatcher(phraseRules)
        entryRuns = runs
    }

    /// Every match in the tokens: (entry, first token, one past last token).
    public func matches(_ tokens: [WordToken]) -> [(entry: LexiconEntry, tokens: Range<Int>)] {
        var out: [(LexiconEntry, Range<Int>)] = []
        for (t, token) in tokens.enumerated() {
            let scalars = Array(token.text.unicodeScalars)
            if scalars.contains("*") {
                if let e = wildcardMatch(scalars) { out.append((entries[e], t..<(t + 1))) }
                continue
            }
            let r = Self.runs(scalars)
            if let ids = exact[Self.key(r)], let e = ids.first(where: { Self.covers(r, entryRuns[$0], prefix: false) }) {
                out.append((entries[e], t..<(t + 1)))
                continue
            }
            for length in prefixLengths where length <= r.count {
                let head = Array(r[0..<length])
                if let ids = prefixes[Self.key(head)], let e = ids.first(where: { Self.covers(head, entryRuns[$0], prefix: true) }) {
                    out.append((entries[e], t..<(t + 1)))
                    break
                }
            }
        }
        for (rule, r) in phrases.matches(tokens.map(\.text)) {
            if let i = Int(rule.id) { out.append((entries[i], r)) }
        }
        return out
    }

    /// `f*ck`, `sh*t`: a masked letter matches any letter; at least two letters must be real.
    func wildcardMatch(_ s: [Unicode.Scalar]) -> Int? {
        guard s.filter({ $0 != "*" }).count >= 2, s.first != "*" else { return nil }
        for (i, e) in entries.enumerated() where !e.term.contains(" ") {
            let t = Array(e.term.unicodeScalars)
            let candidate = e.matchPrefix && s.count > t.count ? Array(s[0..<t.count]) : s
            guard candidate.count == t.count else { continue }
            if zip(candidate, t).allSatisfy({ $0 == "*" || $0 == $1 }) { return i }
        }
        return nil
    }

    /// A token's runs cover an entry's runs when the letters agree and each run is as long,
    /// or stretched to three or more (`fuuuck` covers `fuck`, `as` does not cover `ass`).
    /// A doubled letter is ordinary spelling, so `shiitake` does not cover `shit`.
    static func covers(_ token: [Run], _ entry: [Run], prefix: Bool) -> Bool {
        guard token.count == entry.count else { return false }
        for (i, (a, b)) in zip(token, entry).enumerated() {
            guard a.scalar == b.scalar else { return false }
            // A stem's last letter doubles before a suffix: frak → frakking, shit → shitty.
            if prefix, i == entry.count - 1, a.count >= b.count { continue }
            if a.count != b.count && a.count < max(3, b.count + 1) { return false }
        }
        return true
    }

    static func runs(_ s: [Unicode.Scalar]) -> [Run] {
        var out: [Run] = []
        for c in s {
            if let last = out.last, last.scalar == c { out[out.count - 1].count += 1 } else { out.append(Run(scalar: c, count: 1)) }
        }
        return out
    }

    static func key(_ runs: [Run]) -> String {
        var s = String.UnicodeScalarView()
        for r in runs { s.append(r.scalar) }
        return String(s)
    }
}
