import Foundation
import GRDB
import StrataCore

/// Whose spend to add up from the traces.
public enum SpendOwner: Sendable, Hashable {
    /// A virtual key by name; nil for requests made with the master key or none.
    case key(String?)
    case model(String)
    case user(String)
    /// Every key whose metadata has this `tenant`.
    case tenant(String)
}

extension SQLiteStore {
    /// USD and tokens spent since a time, from the recorded traces: what a budget ledger is
    /// seeded with on start, so a restart does not forget what was spent.
    public func spend(of owner: SpendOwner, since: Double) async throws -> (usd: Double, tokens: Int) {
        try await pool.read { db in
            let condition: String
            var arguments: StatementArguments = [since]
            switch owner {
            case .key(let name?):
                condition = "key_name = ?"
                arguments += [name]
            case .key(nil):
                condition = "key_id IS NULL"
            case .model(let model):
                condition = "model_requested = ?"
                arguments += [model]
            case .user(let user):
                condition = "user = ?"
                arguments += [user]
            case .tenant(let tenant):
                condition = "key_id IN (SELECT id FROM api_keys WHERE json_extract(metadata, '$.tenant') = ?)"
                arguments += [tenant]
            }
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(cost), 0) AS usd, COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens
                FROM traces WHERE created_at >= ? AND \(condition)
                """, arguments: arguments)
            return (row?["usd"] ?? 0, row?["tokens"] ?? 0)
        }
    }
}
