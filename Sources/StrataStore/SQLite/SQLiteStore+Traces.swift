import Foundation
import GRDB
import StrataCore

extension SQLiteStore: TraceStore {
    public func insert(_ traces: [TraceRecord]) async throws {
        guard !traces.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO traces (id, created_at, endpoint, key_id, key_name, user, model_requested,
                    model_used, deployment, provider, stream, status, error_code, error_message, attempts,
                    prompt_tokens, completion_tokens, cost, latency_ms, ttft_ms, request_body, response_body, metadata, guards)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for trace in traces {
                try statement.execute(arguments: [
                    trace.id, trace.createdAt, trace.endpoint, trace.keyID, trace.keyName, trace.user,
                    trace.modelRequested, trace.modelUsed, trace.deployment, trace.provider, trace.stream,
                    trace.status, trace.errorCode, trace.errorMessage, JSONText.encode(trace.attempts),
                    trace.promptTokens, trace.completionTokens, trace.cost, trace.latencyMilliseconds,
                    trace.timeToFirstTokenMilliseconds, trace.requestBody, trace.responseBody,
                    trace.metadata.map { JSONText.encode($0) }, trace.guards.map { JSONText.encode($0) },
                ])
            }
        }
    }

    public func list(_ query: TraceQuery) async throws -> [TraceRecord] {
        try await pool.read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let since = query.since { clauses.append("created_at >= ?"); arguments += [since] }
            if let until = query.until { clauses.append("created_at < ?"); arguments += [until] }
            if let model = query.model { clauses.append("(model_requested = ? OR model_used = ?)"); arguments += [model, model] }
            if let key = query.keyID { clauses.append("key_id = ?"); arguments += [key] }
            if let tenant = query.tenant {
                clauses.append("key_id IN (SELECT id FROM api_keys WHERE json_extract(metadata, '$.tenant') = ?)")
                arguments += [tenant]
            }
            if let status = query.status { clauses.append("status = ?"); arguments += [status] }
            if let failed = query.failed { clauses.append(failed ? "status >= 400" : "status < 400") }
            if query.needsReview {
                clauses.append(ReviewInbox.openItemSQL)
            }
            if let after = query.after,
               let anchor = try Row.fetchOne(db, sql: "SELECT created_at FROM traces WHERE id = ?", arguments: [after]) {
                let createdAt: Double = anchor["created_at"]
                clauses.append("(created_at < ? OR (created_at = ? AND id < ?))")
                arguments += [createdAt, createdAt, after]
            }
            let limit = max(1, min(query.limit, 1000))
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM traces \(whereSQL) ORDER BY created_at DESC, id DESC LIMIT \(limit)",
                                        arguments: arguments)
            return rows.map(Self.trace(from:))
        }
    }

    public func trace(id: String) async throws -> TraceRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM traces WHERE id = ?", arguments: [id]).map(Self.trace(from:))
        }
    }

    static func trace(from row: Row) -> TraceRecord {
        var trace = TraceRecord(id: row["id"], createdAt: row["created_at"], endpoint: row["endpoint"],
                                modelRequested: row["model_requested"])
        trace.keyID = row["key_id"]
        trace.keyName = row["key_name"]
        trace.user = row["user"]
        trace.modelUsed = row["model_used"]
        trace.deployment = row["deployment"]
        trace.provider = row["provider"]
        trace.stream = row["stream"]
        trace.status = row["status"]
        trace.errorCode = row["error_code"]
        trace.errorMessage = row["error_message"]
        trace.attempts = JSONText.decode([TraceRecord.Attempt].self, from: row["attempts"]) ?? []
        trace.promptTokens = row["prompt_tokens"]
        trace.completionTokens = row["completion_tokens"]
        trace.cost = row["cost"]
        trace.latencyMilliseconds = row["latency_ms"]
        trace.timeToFirstTokenMilliseconds = row["ttft_ms"]
        trace.requestBody = row["request_body"]
        trace.responseBody = row["response_body"]
        trace.metadata = JSONText.decode([String: JSONValue].self, from: row["metadata"])
        trace.guards = JSONText.decode(JSONValue.self, from: row["guards"])
        return trace
    }
}

/// JSON text columns.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
