/// One keyword search result: the caller's label and its BM25 score (higher is better).
public struct KeywordHit: Sendable, Equatable {
    public let label: Int
    public let score: Double

    public init(label: Int, score: Double) {
        self.label = label
        self.score = score
    }
}
