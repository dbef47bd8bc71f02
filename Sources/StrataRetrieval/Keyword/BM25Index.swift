import Foundation

/// An in-memory inverted index over texts with caller-chosen labels, ranked by Okapi BM25:
/// the keyword half of hybrid search (fuse with vector results by `ReciprocalRankFusion`).
/// Online insert and delete; the label filter is applied while scoring, like the HNSW index's.
public struct BM25Index: Sendable {
    /// Term-frequency saturation (1.2 is the usual default).
    public var k1: Double
    /// Length normalisation, 0 (none) to 1 (full); 0.75 is the usual default.
    public var b: Double

    struct Posting: Sendable { var slot: Int32; var frequency: Int32 }

    private let analyzer = KeywordAnalyzer()
    private var termIDs: [String: Int32] = [:]
    private var postings: [[Posting]] = []
    /// Live documents containing each term (postings also hold deleted ones until compaction).
    private var documentFrequency: [Int32] = []
    private var labels: [Int] = []
    private var lengths: [Int32] = []
    private var slotTerms: [[Int32]] = []
    private var tombstones: [Bool] = []
    private var slotOfLabel: [Int: Int32] = [:]
    private var totalLength = 0
    public private(set) var deletedCount = 0

    public init(k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
    }

    /// Live documents.
    public var count: Int { labels.count - deletedCount }

    public func contains(_ label: Int) -> Bool { slotOfLabel[label] != nil }

    /// Indexes `text` under `label`, replacing an earlier text with the same label.
    public mutating func insert(_ text: String, label: Int) {
        if slotOfLabel[label] != nil { delete(label) }
        let slot = Int32(labels.count)
        var frequencies: [Int32: Int32] = [:]
        let terms = analyzer.terms(text)
        for term in terms {
            let id: Int32
            if let existing = termIDs[term] {
                id = existing
            } else {
                id = Int32(postings.count)
                termIDs[term] = id
                postings.append([])
                documentFrequency.append(0)
            }
            frequencies[id, default: 0] += 1
        }
        // Sorted so the index is the same whatever the dictionary's iteration order.
        let unique = frequencies.keys.sorted()
        for id in unique {
            postings[Int(id)].append(Posting(slot: slot, frequency: frequencies[id] ?? 0))
            documentFrequency[Int(id)] += 1
        }
        labels.append(label)
        lengths.append(Int32(terms.count))
        slotTerms.append(unique)
        tombstones.append(false)
        slotOfLabel[label] = slot
        totalLength += terms.count
    }

    /// Removes the text with `label`; returns whether there was one.
    @discardableResult
    public mutating func delete(_ label: Int) -> Bool {
        guard let slot = slotOfLabel.removeValue(forKey: label) else { return false }
        let s = Int(slot)
        tombstones[s] = true
        deletedCount += 1
        totalLength -= Int(lengths[s])
        for id in slotTerms[s] { documentFrequency[Int(id)] -= 1 }
        slotTerms[s] = []
        if deletedCount > 1024 && deletedCount * 2 > labels.count { compact() }
        return true
    }

    /// The `k` best-scoring live texts for `query` whose label passes `filter`, best first.
    /// Texts sharing no term with the query are not returned.
    public func search(_ query: String, k: Int, filter: ((Int) -> Bool)? = nil) -> [KeywordHit] {
        guard k > 0, count > 0 else { return [] }
        let n = Double(count)
        let averageLength = max(Double(totalLength) / n, 1)
        var scores: [Int32: Double] = [:]
        var filterCache: [Int32: Bool] = [:]
        for term in Set(analyzer.terms(query)) {
            guard let id = termIDs[term] else { continue }
            let df = Double(documentFrequency[Int(id)])
            guard df > 0 else { continue }
            // BM25's IDF with +1 inside the log, so terms in most documents still count a little.
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            for posting in postings[Int(id)] where !tombstones[Int(posting.slot)] {
                if let filter {
                    let allowed: Bool
                    if let cached = filterCache[posting.slot] {
                        allowed = cached
                    } else {
                        allowed = filter(labels[Int(posting.slot)])
                        filterCache[posting.slot] = allowed
                    }
                    guard allowed else { continue }
                }
                let tf = Double(posting.frequency)
                let norm = k1 * (1 - b + b * Double(lengths[Int(posting.slot)]) / averageLength)
                scores[posting.slot, default: 0] += idf * tf * (k1 + 1) / (tf + norm)
            }
        }
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.prefix(k).map { KeywordHit(label: labels[Int($0.key)], score: $0.value) }
    }

    /// Drops deleted documents from the postings and renumbers the slots.
    private mutating func compact() {
        var newSlot = [Int32](repeating: -1, count: labels.count)
        var next: Int32 = 0
        for s in labels.indices where !tombstones[s] { newSlot[s] = next; next += 1 }
        for t in postings.indices {
            postings[t] = postings[t].compactMap { p in
                let mapped = newSlot[Int(p.slot)]
                return mapped >= 0 ? Posting(slot: mapped, frequency: p.frequency) : nil
            }
        }
        let live = labels.indices.filter { !tombstones[$0] }
        labels = live.map { labels[$0] }
        lengths = live.map { lengths[$0] }
        slotTerms = live.map { slotTerms[$0] }
        tombstones = [Bool](repeating: false, count: live.count)
        slotOfLabel = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, Int32($0.offset)) })
        deletedCount = 0
    }
}
