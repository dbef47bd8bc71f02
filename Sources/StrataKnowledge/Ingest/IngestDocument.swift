import StrataCore

/// A document to add or replace: its text, where it came from, and who may read it.
public struct IngestDocument: Sendable, Hashable {
    /// Unique within the collection; a document with an existing id replaces it.
    public var id: String
    /// The file or URI it came from; re-ingesting a source replaces all of its documents.
    public var source: String
    public var title: String?
    public var text: String
    public var metadata: [String: JSONValue]
    /// Owners, groups and labels; the tenant is always the collection's.
    public var access: AccessControl

    public init(id: String, source: String? = nil, title: String? = nil, text: String, metadata: [String: JSONValue] = [:],
                access: AccessControl = AccessControl()) {
        self.id = id
        self.source = source ?? id
        self.title = title
        self.text = text
        self.metadata = metadata
        self.access = access
    }
}

/// How far an ingestion has got, for progress bars.
public struct IngestProgress: Sendable, Hashable {
    public var documentsDone: Int
    public var documentsTotal: Int
    public var chunksEmbedded: Int
    public var chunksTotal: Int
}

/// What an ingestion did.
public struct IngestReport: Sendable, Hashable, Codable {
    public var added = 0
    public var replaced = 0
    public var unchanged = 0
    public var deleted = 0
    public var chunks = 0
    public var revision: Int64 = 0

    public init() {}
}
