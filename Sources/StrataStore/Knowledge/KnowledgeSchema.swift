/// Tables of the knowledge layer. Documents carry the ACL and metadata that every chunk cut
/// from them inherits; chunks carry text and vector; `chunks_fts` is SQLite's FTS5 index over
/// chunk text (BM25), kept in step by triggers. Chunk labels come from AUTOINCREMENT, so a
/// deleted chunk's label is never handed out again (vector indexes key on it).
enum KnowledgeSchema {
    static let v5 = """
        CREATE TABLE collections (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            name TEXT NOT NULL,
            embedder TEXT NOT NULL,
            dimensions INTEGER NOT NULL,
            settings TEXT NOT NULL,
            created_at REAL NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0,
            UNIQUE (tenant, name)
        );
        CREATE TABLE documents (
            collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            title TEXT,
            metadata TEXT NOT NULL,
            tenant TEXT NOT NULL,
            acl_owners TEXT NOT NULL,
            acl_groups TEXT NOT NULL,
            acl_labels TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            chunk_count INTEGER NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (collection_id, id)
        );
        CREATE TABLE chunks (
            label INTEGER PRIMARY KEY AUTOINCREMENT,
            collection_id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            headings TEXT NOT NULL,
            vector BLOB NOT NULL,
            FOREIGN KEY (collection_id, document_id) REFERENCES documents(collection_id, id) ON DELETE CASCADE
        );
        CREATE INDEX chunks_collection ON chunks(collection_id, label);
        CREATE INDEX chunks_document ON chunks(collection_id, document_id);
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, content='chunks', content_rowid='label', tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text) VALUES (new.label, new.text);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.label, old.text);
        END;
        """
}
