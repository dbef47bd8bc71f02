import Foundation
import GRDB
import StrataCore

/// The embedded store: one SQLite file in WAL mode, opened through a GRDB pool so reads
/// never wait for the trace writer.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating folders and the file if needed) and migrates the database.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try StoreMigrations.migrator.migrate(pool)
    }

    /// The schema version applied, for `/readyz` and diagnostics.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    /// A cheap query proving the database answers.
    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

/// The versioned schema. Append migrations; never edit one that has shipped.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-traces-keys-prices") { db in
            try db.execute(sql: """
                CREATE TABLE traces (
                    id TEXT PRIMARY KEY,
                    created_at REAL NOT NULL,
                    endpoint TEXT NOT NULL,
                    key_id TEXT,
                    key_name TEXT,
                    user TEXT,
                    model_requested TEXT NOT NULL,
                    model_used TEXT,
                    deployment TEXT,
                    provider TEXT,
                    stream INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    error_code TEXT,
                    error_message TEXT,
                    attempts TEXT NOT NULL,
                    prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL,
                    cost REAL NOT NULL,
                    latency_ms REAL NOT NULL,
                    ttft_ms REAL,
                    request_body TEXT,
                    response_body TEXT,
                    metadata TEXT
                );
                CREATE INDEX traces_created ON traces(created_at DESC, id DESC);
                CREATE INDEX traces_model ON traces(model_requested, created_at DESC);
                CREATE INDEX traces_key ON traces(key_id, created_at DESC);
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    secret_hash TEXT NOT NULL UNIQUE,
                    display_prefix TEXT NOT NULL,
                    allowed_models TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    expires_at REAL,
                    revoked_at REAL
                );
                CREATE TABLE price_overrides (
                    deployment TEXT PRIMARY KEY,
                    input REAL NOT NULL,
                    output REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-trace-guards") { db in
            try db.execute(sql: "ALTER TABLE traces ADD COLUMN guards TEXT")
        }
        migrator.registerMigration("v3-audit-log") { db in
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY,
                    timestamp_ms INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                )
                """)
        }
        migrator.registerMigration("v4-key-roles") { db in
            try db.execute(sql: "ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'app'")
        }
        migrator.registerMigration("v5-knowledge") { db in
            try db.execute(sql: KnowledgeSchema.v5)
        }
        migrator.registerMigration("v6-trace-reviews") { db in
            try db.execute(sql: ReviewInbox.v6)
        }
        return migrator
    }
}
