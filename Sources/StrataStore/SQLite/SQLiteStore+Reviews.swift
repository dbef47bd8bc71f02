import Foundation
import GRDB

/// A person's verdict on a trace from the review inbox.
public struct TraceReview: Codable, Sendable, Hashable {
    public var traceID: String
    public var reviewedAt: Double
    public var reviewer: String
    /// `ok` (nothing wrong), `issue` (something to fix), or `false_positive` (a guard was wrong).
    public var verdict: String
    public var note: String

    public init(traceID: String, reviewedAt: Double, reviewer: String, verdict: String, note: String) {
        self.traceID = traceID
        self.reviewedAt = reviewedAt
        self.reviewer = reviewer
        self.verdict = verdict
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case reviewer, verdict, note
        case traceID = "trace_id"
        case reviewedAt = "reviewed_at"
    }
}

/// What puts a trace in the review inbox, as SQL over the `traces` table, and the reviews table.
enum ReviewInbox {
    static let v6 = """
        CREATE TABLE trace_reviews (
            trace_id TEXT PRIMARY KEY,
            reviewed_at REAL NOT NULL,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL,
            note TEXT NOT NULL
        )
        """

    static let openItemSQL = """
        (guards IS NOT NULL OR status >= 500 OR error_code = 'guard_blocked'
         OR json_extract(metadata, '$."strata.quarantine"') IS NOT NULL
         OR COALESCE(json_extract(metadata, '$."strata.retrieval".dropped_as_injection'), 0) > 0)
        AND id NOT IN (SELECT trace_id FROM trace_reviews)
        """
}

extension SQLiteStore {
    /// Records a review; a trace reviewed again keeps the latest verdict.
    public func review(_ review: TraceReview) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO trace_reviews (trace_id, reviewed_at, reviewer, verdict, note) VALUES (?, ?, ?, ?, ?)
                """, arguments: [review.traceID, review.reviewedAt, review.reviewer, review.verdict, review.note])
        }
    }

    public func review(traceID: String) async throws -> TraceReview? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM trace_reviews WHERE trace_id = ?", arguments: [traceID]).map { row in
                TraceReview(traceID: row["trace_id"], reviewedAt: row["reviewed_at"], reviewer: row["reviewer"],
                            verdict: row["verdict"], note: row["note"])
            }
        }
    }
}
