import StrataCore

/// A knowledge base: documents of one tenant, chunked and embedded the same way.
public struct CollectionRecord: Codable, Sendable, Hashable {
    public var id: String
    public var tenant: String
    public var name: String
    /// The embedding model (a name from the config) that produced every vector in it.
    public var embedder: String
    public var dimensions: Int
    /// Chunking, index and search settings, as JSON (owned by the knowledge layer).
    public var settings: JSONValue
    public var createdAt: Double
    /// Bumped by every change to its documents, so an index knows when it is stale.
    public var revision: Int64

    public init(id: String, tenant: String, name: String, embedder: String, dimensions: Int, settings: JSONValue,
                createdAt: Double, revision: Int64 = 0) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.embedder = embedder
        self.dimensions = dimensions
        self.settings = settings
        self.createdAt = createdAt
        self.revision = revision
    }
}

/// A collection with how much it holds, for listings.
public struct CollectionSummary: Sendable, Hashable {
    public var collection: CollectionRecord
    public var documents: Int
    public var chunks: Int
}
