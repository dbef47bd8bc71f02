/// One row of the hash-chained audit log, as stored. The chain itself (hashing, verifying)
/// belongs to StrataGuard; the store only keeps rows in sequence order.
public struct AuditEntry: Codable, Sendable, Hashable {
    public var sequence: Int64
    public var timestampMillis: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var details: [String: String]
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, timestampMillis: Int64, actor: String, action: String, subject: String,
                details: [String: String], previousHash: String, hash: String) {
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Where audit rows are appended and read back.
public protocol AuditStore: Sendable {
    func append(_ entry: AuditEntry) async throws
    /// Rows in sequence order; `after` skips those up to that sequence, `limit` caps the count.
    func auditEntries(after: Int64?, limit: Int?) async throws -> [AuditEntry]
    func lastAuditEntry() async throws -> AuditEntry?
}
