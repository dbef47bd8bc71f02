import StrataCore

/// A document as stored: who may read it, where it came from, and the hash that makes
/// re-ingesting an unchanged document a no-op.
public struct DocumentRecord: Codable, Sendable, Hashable {
    public var collectionID: String
    public var id: String
    public var source: String
    public var title: String?
    public var metadata: [String: JSONValue]
    public var access: AccessControl
    /// SHA-256 of everything that shapes its chunks: text, title, metadata, ACL, chunking settings.
    public var contentHash: String
    public var chunkCount: Int
    public var updatedAt: Double

    public init(collectionID: String, id: String, source: String, title: String?, metadata: [String: JSONValue],
                access: AccessControl, contentHash: String, chunkCount: Int, updatedAt: Double) {
        self.collectionID = collectionID
        self.id = id
        self.source = source
        self.title = title
        self.metadata = metadata
        self.access = access
        self.contentHash = contentHash
        self.chunkCount = chunkCount
        self.updatedAt = updatedAt
    }
}
