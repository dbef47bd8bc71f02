import Foundation
import Logging
import StrataCore
import StrataRetrieval
import StrataStore

/// The data layer's front door: collections of a tenant's documents, ingestion (chunk, embed,
/// store, index), and search that only ever returns what the asking principal may read.
public final class KnowledgeBase: Sendable {
    let store: SQLiteStore
    let indexes: VectorIndexCache
    let embedders: EmbedderLookup
    let time: any TimeSource
    let logger: Logger

    /// - Parameter snapshotDirectory: where vector index snapshots go; nil keeps none.
    public init(store: SQLiteStore, snapshotDirectory: String?, embedders: @escaping EmbedderLookup,
                time: any TimeSource = SystemTimeSource(), logger: Logger) {
        self.store = store
        self.indexes = VectorIndexCache(store: store, directory: snapshotDirectory, logger: logger)
        self.embedders = embedders
        self.time = time
        self.logger = logger
    }

    static let namePattern = #"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"#

    /// Creates a collection in `tenant`; its vectors' size is learned from the embedder.
    public func createCollection(name: String, tenant: String, embedder embedderName: String,
                                 settings: CollectionSettings = CollectionSettings()) async throws -> CollectionRecord {
        guard name.range(of: Self.namePattern, options: .regularExpression) != nil else {
            throw StrataError.invalidField("name", "Collection names are 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit.")
        }
        let embedder = try await embedder(named: embedderName)
        let problems = settings.problems(embedderMaxTokens: embedder.maxInputTokens - 2)
        if !problems.isEmpty { throw StrataError.invalidField("settings", problems.joined(separator: "; ") + ".") }
        let probe = try await embedder.embed(["dimension probe"])
        guard let dimensions = probe.first?.count, dimensions > 0 else {
            throw StrataError.internalError("The embedder '\(embedderName)' returned no vector.")
        }
        let record = CollectionRecord(id: Identifier.make(prefix: "col_", length: 16), tenant: tenant, name: name,
                                      embedder: embedderName, dimensions: dimensions, settings: settings.json,
                                      createdAt: time.now())
        do {
            try await store.createCollection(record)
        } catch is CollectionExists {
            throw StrataError.collectionExists(name)
        }
        logger.info("collection created", metadata: ["collection": "\(name)", "tenant": "\(tenant)", "embedder": "\(embedderName)"])
        return record
    }

    /// The collection `name` of `tenant`; not found also when it belongs to another tenant.
    public func collection(named name: String, tenant: String) async throws -> CollectionRecord {
        guard let record = try await store.collection(tenant: tenant, name: name) else {
            throw StrataError.collectionNotFound(name)
        }
        return record
    }

    /// Collections of one tenant, or of all tenants for nil.
    public func collections(tenant: String?) async throws -> [CollectionSummary] {
        try await store.collections(tenant: tenant)
    }

    public func deleteCollection(_ collection: CollectionRecord) async throws {
        guard try await store.deleteCollection(id: collection.id) else { throw StrataError.collectionNotFound(collection.name) }
        await indexes.drop(collection.id)
        logger.info("collection deleted", metadata: ["collection": "\(collection.name)", "tenant": "\(collection.tenant)"])
    }

    /// Deletes one document and its chunks; false when there was none.
    public func deleteDocument(_ id: String, from collection: CollectionRecord) async throws -> Bool {
        guard try await store.document(collectionID: collection.id, id: id) != nil else { return false }
        try await store.applyDocumentChanges(collectionID: collection.id, writes: [], deletes: [id])
        return true
    }

    /// Documents of the collection the principal may read, by id.
    public func documents(in collection: CollectionRecord, readableBy principal: Principal, after: String?,
                          limit: Int) async throws -> [DocumentRecord] {
        try await store.documents(collectionID: collection.id, readableBy: principal, after: after, limit: limit)
    }

    /// Writes the vector index snapshots that changed (call now and then, and on shutdown).
    public func saveSnapshots() async {
        await indexes.saveSnapshots()
    }

    func embedder(named name: String) async throws -> any Embedder {
        guard let embedder = try await embedders(name) else {
            throw StrataError(status: 400, type: "invalid_request_error", code: "embedder_not_found",
                              message: "No embedding model named '\(name)' is configured.", param: "embedder")
        }
        return embedder
    }
}
