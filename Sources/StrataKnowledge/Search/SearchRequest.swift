import StrataCore

/// Which rankings a search uses.
public enum SearchMode: String, Sendable, Codable, CaseIterable {
    case hybrid, vector, keyword
}

/// A search in one collection.
public struct SearchRequest: Sendable {
    public var query: String
    public var k: Int
    public var filter: MetadataFilter?
    public var mode: SearchMode
    public var efSearch: Int?
    /// Re-scores the best `max(3k, 20)` fused candidates and keeps its top k; when it fails,
    /// the fused order stands (the failure is logged).
    public var reranker: (any Reranker)?

    public init(query: String, k: Int = 5, filter: MetadataFilter? = nil, mode: SearchMode = .hybrid, efSearch: Int? = nil,
                reranker: (any Reranker)? = nil) {
        self.query = query
        self.k = k
        self.filter = filter
        self.mode = mode
        self.efSearch = efSearch
        self.reranker = reranker
    }
}

/// A chunk found by a search, with what a citation needs.
public struct SearchResult: Sendable, Hashable {
    public var label: Int64
    public var collection: String
    public var documentID: String
    public var chunkID: String
    public var title: String?
    public var source: String
    public var text: String
    /// UTF-8 byte offsets of the chunk in its document.
    public var span: Range<Int>
    public var headings: [String]
    public var metadata: [String: JSONValue]
    /// Fused score, higher is better; and the chunk's place in each ranking (1 = first).
    public var score: Double
    public var vectorRank: Int?
    public var keywordRank: Int?
    /// The reranker's score, when one ran.
    public var rerankScore: Double?
}
