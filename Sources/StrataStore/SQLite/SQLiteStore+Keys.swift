import Foundation
import GRDB
import StrataCore

extension SQLiteStore: KeyStore {
    public func insert(_ key: APIKeyRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, secret_hash, display_prefix, allowed_models, metadata, created_at,
                    expires_at, revoked_at, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.name, key.secretHash, key.displayPrefix, JSONText.encode(key.allowedModels),
                                 JSONText.encode(key.metadata), key.createdAt, key.expiresAt, key.revokedAt, key.role.rawValue])
        }
    }

    public func key(secretHash: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE secret_hash = ?", arguments: [secretHash])
                .map(Self.key(from:))
        }
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.key(from:))
        }
    }

    public func listKeys() async throws -> [APIKeyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at DESC").map(Self.key(from:))
        }
    }

    public func revoke(id: String, at time: Double) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [time, id])
            return db.changesCount > 0
        }
    }

    static func key(from row: Row) -> APIKeyRecord {
        var key = APIKeyRecord(id: row["id"], name: row["name"], secretHash: row["secret_hash"],
                               displayPrefix: row["display_prefix"],
                               allowedModels: JSONText.decode([String].self, from: row["allowed_models"]) ?? [],
                               metadata: JSONText.decode([String: String].self, from: row["metadata"]) ?? [:],
                               createdAt: row["created_at"], expiresAt: row["expires_at"])
        key.revokedAt = row["revoked_at"]
        key.role = Role(rawValue: row["role"] ?? "app") ?? .app
        return key
    }
}

extension SQLiteStore: PriceStore {
    public func upsert(_ price: PriceOverride) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO price_overrides (deployment, input, output, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(deployment) DO UPDATE SET input = excluded.input, output = excluded.output,
                    updated_at = excluded.updated_at
                """, arguments: [price.deployment, price.input, price.output, price.updatedAt])
        }
    }

    public func priceOverrides() async throws -> [PriceOverride] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM price_overrides").map { row in
                PriceOverride(deployment: row["deployment"], input: row["input"], output: row["output"],
                              updatedAt: row["updated_at"])
            }
        }
    }
}
