/// Merges ranked lists from different retrievers (e.g. HNSW vectors and BM25 keywords) by
/// reciprocal rank fusion: each list adds `weight / (k + rank)` to an item, rank from 1.
///
/// Ranks rather than raw scores are fused because cosine distances and BM25 scores live on
/// unrelated scales; `k` (60 in the original paper) damps the influence of the very top ranks.
public struct ReciprocalRankFusion: Sendable {
    /// One fused item: its id and fused score, higher is better.
    public struct Result<ID: Hashable & Sendable>: Sendable, Equatable {
        public let id: ID
        public let score: Double
    }

    public var k: Double

    public init(k: Double = 60) {
        self.k = max(0, k)
    }

    /// Fused ranking, best first. `weights` (default all 1) scale each list's contribution.
    /// Ties go to the item with the better best rank, then to the earlier list.
    public func fuse<ID: Hashable & Sendable>(_ rankings: [[ID]], weights: [Double]? = nil, limit: Int? = nil) -> [Result<ID>] {
        var scores: [ID: (score: Double, bestRank: Int, firstSeen: Int)] = [:]
        var seen = 0
        for (list, ranking) in rankings.enumerated() {
            let weight = weights.flatMap { list < $0.count ? $0[list] : nil } ?? 1
            var inList = Set<ID>()
            for (position, id) in ranking.enumerated() where inList.insert(id).inserted {
                let rank = position + 1
                let add = weight / (k + Double(rank))
                if let entry = scores[id] {
                    scores[id] = (entry.score + add, min(entry.bestRank, rank), entry.firstSeen)
                } else {
                    scores[id] = (add, rank, seen)
                    seen += 1
                }
            }
        }
        let ordered = scores.sorted { a, b in
            if a.value.score != b.value.score { return a.value.score > b.value.score }
            if a.value.bestRank != b.value.bestRank { return a.value.bestRank < b.value.bestRank }
            return a.value.firstSeen < b.value.firstSeen
        }
        return ordered.prefix(limit ?? ordered.count).map { Result(id: $0.key, score: $0.value.score) }
    }
}
