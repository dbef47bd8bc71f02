import Foundation
import GRDB
import StrataCore

extension SQLiteStore: AuditStore {
    public func append(_ entry: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (sequence, timestamp_ms, actor, action, subject, details, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.sequence, entry.timestampMillis, entry.actor, entry.action, entry.subject,
                                 JSONText.encode(entry.details), entry.previousHash, entry.hash])
        }
    }

    public func auditEntries(after: Int64?, limit: Int?) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?",
                             arguments: [after ?? 0, limit ?? Int.max]).map(Self.auditEntry(from:))
        }
    }

    public func lastAuditEntry() async throws -> AuditEntry? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_log ORDER BY sequence DESC LIMIT 1").map(Self.auditEntry(from:))
        }
    }

    static func auditEntry(from row: Row) -> AuditEntry {
        AuditEntry(sequence: row["sequence"], timestampMillis: row["timestamp_ms"], actor: row["actor"], action: row["action"],
                   subject: row["subject"], details: JSONText.decode([String: String].self, from: row["details"]) ?? [:],
                   previousHash: row["previous_hash"], hash: row["hash"])
    }
}
