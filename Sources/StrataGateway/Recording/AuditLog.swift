import Foundation
import Logging
import StrataCore
import StrataGuard
import StrataStore

/// The tamper-evident audit log: admin actions, guard refusals and config changes appended
/// to a hash chain (each row holds the hash of the one before) and stored in order.
public actor AuditLog {
    private var chain: AuditChain
    private let store: any AuditStore
    private let logger: Logger
    let time: any TimeSource

    /// Resumes the chain after the last stored row.
    public init(store: any AuditStore, hasher: AuditHasher = AuditHasher(), time: any TimeSource, logger: Logger) async throws {
        let last = try await store.lastAuditEntry().map(Self.record(from:))
        chain = AuditChain(hasher: hasher, resumingAfter: last)
        self.store = store
        self.time = time
        self.logger = logger
    }

    /// Appends one event. A failed write is logged: it shows up later as a gap that `verify` reports.
    public func record(actor: String, action: String, subject: String, details: [String: String] = [:]) async {
        let record = chain.append(actor: actor, action: action, subject: subject, details: details,
                                  at: Date(timeIntervalSince1970: time.now()))
        do {
            try await store.append(Self.entry(from: record))
        } catch {
            logger.error("audit write failed", metadata: ["sequence": "\(record.sequence)", "error": "\(error)"])
        }
    }

    /// Reads the whole stored chain and checks every link and hash.
    public static func verify(_ store: any AuditStore, hasher: AuditHasher = AuditHasher()) async throws -> AuditVerification {
        let records = try await store.auditEntries(after: nil, limit: nil).map(record(from:))
        return AuditChainVerifier(hasher: hasher).verify(records)
    }

    static func record(from entry: AuditEntry) -> AuditRecord {
        var record = AuditRecord(sequence: entry.sequence, timestampMillis: entry.timestampMillis, actor: entry.actor,
                                 action: entry.action, subject: entry.subject, details: entry.details,
                                 previousHash: entry.previousHash)
        record.hash = entry.hash
        return record
    }

    static func entry(from record: AuditRecord) -> AuditEntry {
        AuditEntry(sequence: record.sequence, timestampMillis: record.timestampMillis, actor: record.actor,
                   action: record.action, subject: record.subject, details: record.details,
                   previousHash: record.previousHash, hash: record.hash)
    }
}
