import Foundation
import GRDB
import StrataCore

/// Raised when a collection name is taken in its tenant.
public struct CollectionExists: Error, Sendable, Hashable {
    public let tenant: String
    public let name: String
}

extension SQLiteStore {
    public func createCollection(_ collection: CollectionRecord) async throws {
        try await pool.write { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM collections WHERE tenant = ? AND name = ?",
                                          arguments: [collection.tenant, collection.name]) ?? false
            if taken { throw CollectionExists(tenant: collection.tenant, name: collection.name) }
            try db.execute(sql: """
                INSERT INTO collections (id, tenant, name, embedder, dimensions, settings, created_at, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [collection.id, collection.tenant, collection.name, collection.embedder,
                                 collection.dimensions, collection.settings.jsonString(), collection.createdAt,
                                 collection.revision])
        }
    }

    public func collection(tenant: String, name: String) async throws -> CollectionRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM collections WHERE tenant = ? AND name = ?",
                             arguments: [tenant, name]).map(Self.collection(from:))
        }
    }

    public func collection(id: String) async throws -> CollectionRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM collections WHERE id = ?", arguments: [id]).map(Self.collection(from:))
        }
    }

    /// Collections of one tenant, or of every tenant when nil, by name, with their sizes.
    public func collections(tenant: String?) async throws -> [CollectionSummary] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.*,
                    (SELECT COUNT(*) FROM documents d WHERE d.collection_id = c.id) AS document_count,
                    (SELECT COUNT(*) FROM chunks k WHERE k.collection_id = c.id) AS chunk_count
                FROM collections c WHERE (? IS NULL OR c.tenant = ?) ORDER BY c.tenant, c.name
                """, arguments: [tenant, tenant])
            return try rows.map { row in
                CollectionSummary(collection: try Self.collection(from: row), documents: row["document_count"],
                                  chunks: row["chunk_count"])
            }
        }
    }

    /// Deletes a collection with its documents and chunks; false when there was none.
    public func deleteCollection(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM collections WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// The collection's revision, or nil when it was deleted.
    public func collectionRevision(id: String) async throws -> Int64? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT revision FROM collections WHERE id = ?", arguments: [id])
        }
    }

    static func collection(from row: Row) throws -> CollectionRecord {
        CollectionRecord(id: row["id"], tenant: row["tenant"], name: row["name"], embedder: row["embedder"],
                         dimensions: row["dimensions"], settings: JSONValue.parse(row["settings"]) ?? .object([:]),
                         createdAt: row["created_at"], revision: row["revision"])
    }
}
