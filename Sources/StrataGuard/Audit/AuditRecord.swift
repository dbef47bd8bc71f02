import Foundation

/// One entry of the tamper-evident audit log. `hash` commits to every other field and to
/// the previous record's hash, so changing, removing or reordering any stored row breaks
/// the chain from that row on.
public struct AuditRecord: Sendable, Hashable, Codable {
    /// 1 for the first record, then consecutive.
    public var sequence: Int64
    /// Milliseconds since 1970 (integer so the canonical bytes never depend on float printing).
    public var timestampMillis: Int64
    /// Who acted: a key id, a user, `system`.
    public var actor: String
    /// What happened: `key.create`, `policy.update`, `request.blocked`, ...
    public var action: String
    /// What it happened to.
    public var subject: String
    public var details: [String: String]
    /// Hex SHA-256 (or HMAC) of the previous record; `AuditChain.genesisHash` for the first.
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, timestampMillis: Int64, actor: String, action: String, subject: String,
                details: [String: String], previousHash: String, hash: String = "") {
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    enum CodingKeys: String, CodingKey {
        case sequence, actor, action, subject, details, hash
        case timestampMillis = "timestamp_ms"
        case previousHash = "previous_hash"
    }

    /// The bytes the hash covers: a versioned, length-prefixed encoding with details sorted by
    /// key, so equal records hash equally on every platform and no field can bleed into the
    /// next (`"ab" + "c"` differs from `"a" + "bc"`).
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = Array("strata-audit-v1".utf8)
        func field(_ s: String) {
            let bytes = Array(s.utf8)
            appendInteger(UInt64(bytes.count))
            out.append(contentsOf: bytes)
        }
        func appendInteger(_ v: UInt64) {
            withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
        }
        appendInteger(UInt64(bitPattern: sequence))
        appendInteger(UInt64(bitPattern: timestampMillis))
        field(actor)
        field(action)
        field(subject)
        let keys = details.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        appendInteger(UInt64(keys.count))
        for k in keys {
            field(k)
            field(details[k] ?? "")
        }
        field(previousHash)
        return out
    }
}
