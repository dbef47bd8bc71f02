/// Walks stored audit records in order and reports the first one that proves tampering.
/// Streaming: it keeps only the previous hash, so it can verify a table of any size row by row.
public struct AuditChainVerifier: Sendable {
    public let hasher: AuditHasher

    public init(hasher: AuditHasher = AuditHasher()) {
        self.hasher = hasher
    }

    /// - Parameters:
    ///   - records: in stored order, starting at the first record or at `after`'s successor.
    ///   - after: a previously verified record to continue from (incremental verification).
    ///   - anchor: a trusted statement of where the chain should end.
    public func verify<S: Sequence>(_ records: S, after: AuditRecord? = nil, anchor: AuditAnchor? = nil) -> AuditVerification
        where S.Element == AuditRecord {
        var expectedPrevious = after?.hash ?? AuditChain.genesisHash
        var expectedSequence = (after?.sequence ?? 0) + 1
        var count = 0
        var last: AuditRecord? = after
        for (index, record) in records.enumerated() {
            if record.sequence > expectedSequence {
                return .broken(index: index, sequence: record.sequence,
                               problem: .missing(expected: expectedSequence, found: record.sequence))
            }
            if record.sequence < expectedSequence {
                return .broken(index: index, sequence: record.sequence,
                               problem: .outOfOrder(expected: expectedSequence, found: record.sequence))
            }
            if hasher.hash(record) != record.hash {
                return .broken(index: index, sequence: record.sequence, problem: .edited)
            }
            if record.previousHash != expectedPrevious {
                return .broken(index: index, sequence: record.sequence, problem: .brokenLink)
            }
            expectedPrevious = record.hash
            expectedSequence += 1
            count += 1
            last = record
        }
        if let anchor {
            let lastSequence = last?.sequence ?? 0
            if lastSequence < anchor.sequence {
                return .broken(index: count, sequence: nil,
                               problem: .truncated(expectedLastSequence: anchor.sequence, foundLastSequence: lastSequence))
            }
            if lastSequence == anchor.sequence, last?.hash != anchor.hash {
                return .broken(index: max(0, count - 1), sequence: lastSequence, problem: .anchorMismatch)
            }
        }
        return .valid(count: count, lastHash: expectedPrevious)
    }
}
