import StrataCore

/// A chunk to store: its text, where it sits in its document, and its vector.
public struct NewChunk: Sendable, Hashable {
    public var chunkID: String
    public var ordinal: Int
    public var text: String
    public var span: Range<Int>
    public var headings: [String]
    public var vector: [Float]

    public init(chunkID: String, ordinal: Int, text: String, span: Range<Int>, headings: [String], vector: [Float]) {
        self.chunkID = chunkID
        self.ordinal = ordinal
        self.text = text
        self.span = span
        self.headings = headings
        self.vector = vector
    }
}

/// A stored chunk with its document's title, source, metadata and ACL (chunks inherit them).
/// `label` is its row id: the key in the vector index and the keyword index, never reused.
public struct ChunkRecord: Sendable, Hashable {
    public var label: Int64
    public var collectionID: String
    public var documentID: String
    public var chunkID: String
    public var ordinal: Int
    public var text: String
    public var span: Range<Int>
    public var headings: [String]
    public var title: String?
    public var source: String
    public var metadata: [String: JSONValue]
    public var access: AccessControl
}

/// What the vector index needs of a chunk: its label, vector, and what filters look at.
public struct IndexableChunk: Sendable {
    public var label: Int64
    public var vector: [Float]
    public var access: AccessControl
    public var metadata: [String: JSONValue]
}

/// A keyword match: the chunk's label and its BM25 score (higher is better).
public struct KeywordMatch: Sendable, Hashable {
    public var label: Int64
    public var score: Double
}
