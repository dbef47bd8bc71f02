import Foundation
import GRDB
import StrataCore

/// Raised when writing into a collection that does not exist (or was just deleted).
public struct CollectionNotFound: Error, Sendable, Hashable {
    public let id: String
}

/// A document with the chunks that replace all of its previous ones.
public struct DocumentWrite: Sendable {
    public var document: DocumentRecord
    public var chunks: [NewChunk]

    public init(document: DocumentRecord, chunks: [NewChunk]) {
        self.document = document
        self.chunks = chunks
    }
}

extension SQLiteStore {
    /// Writes documents and deletes others in one transaction: readers see all of it or none.
    /// Each written document's previous chunks are replaced. Returns the new revision.
    @discardableResult
    public func applyDocumentChanges(collectionID: String, writes: [DocumentWrite], deletes: [String] = []) async throws -> Int64 {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM collections WHERE id = ?", arguments: [collectionID]) ?? false
            else { throw CollectionNotFound(id: collectionID) }
            for id in deletes + writes.map(\.document.id) {
                try db.execute(sql: "DELETE FROM documents WHERE collection_id = ? AND id = ?", arguments: [collectionID, id])
            }
            let insertDocument = try db.cachedStatement(sql: """
                INSERT INTO documents (collection_id, id, source, title, metadata, tenant, acl_owners, acl_groups,
                    acl_labels, content_hash, chunk_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertChunk = try db.cachedStatement(sql: """
                INSERT INTO chunks (collection_id, document_id, chunk_id, ordinal, text, span_start, span_end, headings, vector)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for write in writes {
                let d = write.document
                try insertDocument.execute(arguments: [
                    collectionID, d.id, d.source, d.title, JSONText.encode(d.metadata), d.access.tenant,
                    JSONText.encode(d.access.owners), JSONText.encode(d.access.groups), JSONText.encode(d.access.labels),
                    d.contentHash, write.chunks.count, d.updatedAt,
                ])
                for chunk in write.chunks {
                    try insertChunk.execute(arguments: [
                        collectionID, d.id, chunk.chunkID, chunk.ordinal, chunk.text, chunk.span.lowerBound,
                        chunk.span.upperBound, JSONText.encode(chunk.headings), VectorBlob.encode(chunk.vector),
                    ])
                }
            }
            try db.execute(sql: "UPDATE collections SET revision = revision + 1 WHERE id = ?", arguments: [collectionID])
            return try Int64.fetchOne(db, sql: "SELECT revision FROM collections WHERE id = ?", arguments: [collectionID]) ?? 0
        }
    }

    /// Content hashes of the given documents that exist, by id.
    public func documentHashes(collectionID: String, ids: [String]) async throws -> [String: String] {
        try await pool.read { db in
            var hashes: [String: String] = [:]
            for id in ids {
                if let hash = try String.fetchOne(db, sql: "SELECT content_hash FROM documents WHERE collection_id = ? AND id = ?",
                                                  arguments: [collectionID, id]) {
                    hashes[id] = hash
                }
            }
            return hashes
        }
    }

    /// Ids of the documents that came from `source` (a file gives one or, row-wise, many).
    public func documentIDs(collectionID: String, source: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM documents WHERE collection_id = ? AND source = ? ORDER BY id",
                                arguments: [collectionID, source])
        }
    }

    public func document(collectionID: String, id: String) async throws -> DocumentRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE collection_id = ? AND id = ?",
                             arguments: [collectionID, id]).map(Self.document(from:))
        }
    }

    /// Documents `principal` may read, by id, after `afterID` (keyset pagination).
    public func documents(collectionID: String, readableBy principal: Principal, after afterID: String?,
                          limit: Int) async throws -> [DocumentRecord] {
        let sql: SQL = """
            SELECT d.* FROM documents d WHERE d.collection_id = \(collectionID) AND d.id > \(afterID ?? "")
            AND \(literal: AccessSQL.readable(by: principal)) ORDER BY d.id LIMIT \(limit)
            """
        return try await pool.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map(Self.document(from:))
        }
    }

    static func document(from row: Row) -> DocumentRecord {
        DocumentRecord(
            collectionID: row["collection_id"], id: row["id"], source: row["source"], title: row["title"],
            metadata: JSONText.decode([String: JSONValue].self, from: row["metadata"]) ?? [:],
            access: access(from: row), contentHash: row["content_hash"], chunkCount: row["chunk_count"],
            updatedAt: row["updated_at"])
    }

    /// An ACL column that does not decode fails closed: the document gets an owner and a
    /// label nobody has, never the empty lists that would open it to the whole tenant.
    static func access(from row: Row) -> AccessControl {
        let owners = JSONText.decode([String].self, from: row["acl_owners"])
        let groups = JSONText.decode([String].self, from: row["acl_groups"])
        let labels = JSONText.decode([String].self, from: row["acl_labels"])
        guard let owners, let groups, let labels else {
            return AccessControl(tenant: row["tenant"], owners: ["\u{0}unreadable-acl"], labels: ["\u{0}unreadable-acl"])
        }
        return AccessControl(tenant: row["tenant"], owners: owners, groups: groups, labels: labels)
    }
}

/// Vectors as little-endian float32 bytes.
enum VectorBlob {
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func decode(_ data: Data) -> [Float] {
        let count = data.count / 4
        var result = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for i in 0..<count {
                result[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
        }
        return result
    }
}
