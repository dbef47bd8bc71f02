import Foundation

/// Appends records to a hash chain. A value type: the caller (the store's writer) owns the
/// one chain per log and persists each returned record before appending the next.
public struct AuditChain: Sendable {
    /// The "previous hash" of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)

    public let hasher: AuditHasher
    public private(set) var lastHash: String
    public private(set) var nextSequence: Int64

    /// A new chain, or one resuming after the last stored record.
    public init(hasher: AuditHasher = AuditHasher(), resumingAfter last: AuditRecord? = nil) {
        self.hasher = hasher
        lastHash = last?.hash ?? Self.genesisHash
        nextSequence = (last?.sequence ?? 0) + 1
    }

    public mutating func append(actor: String, action: String, subject: String,
                                details: [String: String] = [:], at date: Date) -> AuditRecord {
        var record = AuditRecord(sequence: nextSequence, timestampMillis: Int64((date.timeIntervalSince1970 * 1000).rounded()),
                                 actor: actor, action: action, subject: subject, details: details, previousHash: lastHash)
        record.hash = hasher.hash(record)
        lastHash = record.hash
        nextSequence += 1
        return record
    }
}
