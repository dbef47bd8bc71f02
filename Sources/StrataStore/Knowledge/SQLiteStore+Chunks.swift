import Foundation
import GRDB
import StrataCore

extension SQLiteStore {
    /// Chunks with a label above `afterLabel`, in label order, with their vectors and the
    /// ACL and metadata of their documents: what a vector index loads.
    public func indexableChunks(collectionID: String, after afterLabel: Int64, limit: Int) async throws -> [IndexableChunk] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.label, c.vector, d.metadata, d.tenant, d.acl_owners, d.acl_groups, d.acl_labels
                FROM chunks c JOIN documents d ON d.collection_id = c.collection_id AND d.id = c.document_id
                WHERE c.collection_id = ? AND c.label > ? ORDER BY c.label LIMIT ?
                """, arguments: [collectionID, afterLabel, limit]).map { row in
                IndexableChunk(label: row["label"], vector: VectorBlob.decode(row["vector"]), access: Self.access(from: row),
                               metadata: JSONText.decode([String: JSONValue].self, from: row["metadata"]) ?? [:])
            }
        }
    }

    /// Labels of every chunk in the collection, ascending.
    public func chunkLabels(collectionID: String) async throws -> [Int64] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT label FROM chunks WHERE collection_id = ? ORDER BY label",
                               arguments: [collectionID])
        }
    }

    /// The chunks with these labels (any that still exist), with their documents' details.
    public func chunks(labels: [Int64]) async throws -> [ChunkRecord] {
        guard !labels.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.label, c.collection_id, c.document_id, c.chunk_id, c.ordinal, c.text, c.span_start, c.span_end,
                    c.headings, d.title, d.source, d.metadata, d.tenant, d.acl_owners, d.acl_groups, d.acl_labels
                FROM chunks c JOIN documents d ON d.collection_id = c.collection_id AND d.id = c.document_id
                WHERE c.label IN (SELECT value FROM json_each(?))
                """, arguments: [JSONText.encode(labels)]).map { row in
                let start: Int = row["span_start"], end: Int = row["span_end"]
                return ChunkRecord(
                    label: row["label"], collectionID: row["collection_id"], documentID: row["document_id"],
                    chunkID: row["chunk_id"], ordinal: row["ordinal"], text: row["text"], span: start..<max(start, end),
                    headings: JSONText.decode([String].self, from: row["headings"]) ?? [], title: row["title"],
                    source: row["source"], metadata: JSONText.decode([String: JSONValue].self, from: row["metadata"]) ?? [:],
                    access: Self.access(from: row))
            }
        }
    }

    /// BM25 keyword search with SQLite FTS5, restricted inside the query to chunks `principal`
    /// may read whose document metadata passes `filter`. Best first.
    public func keywordSearch(collectionID: String, query: String, readableBy principal: Principal,
                              filter: MetadataFilter?, limit: Int) async throws -> [KeywordMatch] {
        guard let expression = FTSQuery.expression(for: query), limit > 0 else { return [] }
        let metadata: SQL = filter.map { AccessSQL.matching($0) } ?? SQL(sql: "1")
        let sql: SQL = """
            SELECT c.label, bm25(chunks_fts) AS rank
            FROM chunks_fts
            JOIN chunks c ON c.label = chunks_fts.rowid
            JOIN documents d ON d.collection_id = c.collection_id AND d.id = c.document_id
            WHERE chunks_fts MATCH \(expression) AND c.collection_id = \(collectionID)
            AND \(literal: AccessSQL.readable(by: principal)) AND \(literal: metadata)
            ORDER BY rank LIMIT \(limit)
            """
        return try await pool.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { row in
                KeywordMatch(label: row["label"], score: -(row["rank"] as Double))
            }
        }
    }
}

/// Turns free text into an FTS5 query: its words, each quoted (so no word is read as FTS5
/// syntax), any of them matching. At most 32 distinct words; nil when there are none.
enum FTSQuery {
    static func expression(for text: String) -> String? {
        var seen = Set<String>()
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, seen.insert(current).inserted, words.count < 32 { words.append(current) }
            current = ""
        }
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " OR ")
    }
}
