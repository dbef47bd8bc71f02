/// A moderation word list compiled for matching: single words are indexed by their
/// repeated-letter-collapsed form (`fuuuck` and `fuck` share the key `fuck`), prefixes by
/// their collapsed stem, phrases by a `PhraseMatcher`.
public struct ModerationLexicon: Sendable {
    public let entries: [LexiconEntry]
    /// Exact entries by a hash of their collapsed letters (collisions are resolved by `covers`).
    private let exact: [UInt64: [Int]]
    /// Prefix entries indexed by their first two letters, so a token costs one integer-keyed
    /// lookup instead of one string per possible stem length.
    private let prefixes: [UInt64: [Int]]
    private let phrases: PhraseMatcher
    private let entryRuns: [[Run]]

    struct Run: Equatable {
        var scalar: Unicode.Scalar
        var count: Int
    }

    public init(_ entries: [LexiconEntry]) {
        self.entries = entries
        var exact: [UInt64: [Int]] = [:]
        var prefixes: [UInt64: [Int]] = [:]
        var phraseRules: [PhraseRule] = []
        var runs: [[Run]] = []
        for (i, e) in entries.enumerated() {
            let r = Self.runs(Array(e.term.unicodeScalars))
            runs.append(r)
            if e.term.contains(" ") {
                phraseRules.append(PhraseRule(String(i), spec: e.term, maxGap: 0, weight: 1))
                continue
            }
            if e.matchPrefix {
                prefixes[Self.headKey(r), default: []].append(i)
            } else {
                exact[Self.hashKey(r), default: []].append(i)
            }
        }
        self.exact = exact
        self.prefixes = prefixes
        phrases = PhraseMatcher(phraseRules)
        entryRuns = runs
    }

    /// Every match in the tokens: (entry, first token, one past last token).
    public func matches(_ tokens: [WordToken]) -> [(entry: LexiconEntry, tokens: Range<Int>)] {
        var out: [(LexiconEntry, Range<Int>)] = []
        for (t, token) in tokens.enumerated() {
            if token.text.unicodeScalars.contains("*") {
                if let e = wildcardMatch(Array(token.text.unicodeScalars)) { out.append((entries[e], t..<(t + 1))) }
                continue
            }
            let r = Self.runs(token.text.unicodeScalars)
            if let ids = exact[Self.hashKey(r)], let e = ids.first(where: { Self.covers(r[...], entryRuns[$0], prefix: false) }) {
                out.append((entries[e], t..<(t + 1)))
                continue
            }
            if let ids = prefixes[Self.headKey(r)],
               let e = ids.first(where: { entryRuns[$0].count <= r.count && Self.covers(r[0..<entryRuns[$0].count], entryRuns[$0], prefix: true) }) {
                out.append((entries[e], t..<(t + 1)))
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
    static func covers(_ token: ArraySlice<Run>, _ entry: [Run], prefix: Bool) -> Bool {
        guard token.count == entry.count else { return false }
        for (i, (a, b)) in zip(token, entry).enumerated() {
            guard a.scalar == b.scalar else { return false }
            // A stem's last letter doubles before a suffix: frak → frakking, shit → shitty.
            if prefix, i == entry.count - 1, a.count >= b.count { continue }
            if a.count != b.count && a.count < max(3, b.count + 1) { return false }
        }
        return true
    }

    static func runs<S: Sequence>(_ s: S) -> [Run] where S.Element == Unicode.Scalar {
        var out: [Run] = []
        for c in s {
            if let last = out.last, last.scalar == c { out[out.count - 1].count += 1 } else { out.append(Run(scalar: c, count: 1)) }
        }
        return out
    }

    /// The first two run letters packed into one integer (one letter for one-run words).
    static func headKey(_ runs: [Run]) -> UInt64 {
        guard let first = runs.first else { return 0 }
        let second = runs.count > 1 ? UInt64(runs[1].scalar.value) : 0
        return UInt64(first.scalar.value) << 32 | second
    }

    /// FNV-1a over the run letters.
    static func hashKey(_ runs: [Run]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for r in runs {
            h ^= UInt64(r.scalar.value)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
