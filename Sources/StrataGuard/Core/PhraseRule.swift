/// A phrase as a sequence of word slots, each a set of alternatives, allowing up to
/// `maxGap` other words between consecutive slots: `[ignore|disregard] … [previous|prior] …
/// [instructions|rules]`. Matching is a bounded forward scan (no backtracking beyond the
/// gap), so cost is linear in the text.
public struct PhraseRule: Sendable, Codable, Hashable {
    public var id: String
    public var slots: [Set<String>]
    public var maxGap: Int
    public var weight: Double

    public init(_ id: String, _ slots: [Set<String>], maxGap: Int = 3, weight: Double) {
        self.id = id
        self.slots = slots
        self.maxGap = maxGap
        self.weight = weight
    }

    /// Builds a rule from a compact spec: slots separated by spaces, alternatives by `|`:
    /// `"ignore|disregard previous|prior instructions|rules"`.
    public init(_ id: String, spec: String, maxGap: Int = 3, weight: Double) {
        self.init(id, spec.split(separator: " ").map { Set($0.split(separator: "|").map(String.init)) },
                  maxGap: maxGap, weight: weight)
    }

    /// Token index range of the first match starting at `start`, if any.
    public func match(_ words: [String], at start: Int) -> Range<Int>? {
        guard let first = slots.first, first.contains(words[start]) else { return nil }
        var pos = start
        for slot in slots.dropFirst() {
            var k = pos + 1
            let limit = min(words.count, pos + 2 + maxGap)
            var found = false
            while k < limit {
                if slot.contains(words[k]) { found = true; break }
                k += 1
            }
            guard found else { return nil }
            pos = k
        }
        return start..<(pos + 1)
    }
}
