/// What is wrong at the first bad position of an audit chain.
public enum AuditProblem: Sendable, Hashable {
    /// The record's content no longer matches its own hash: it was edited in place.
    case edited
    /// Sequence numbers jump from `expected` to `found`: records were deleted.
    case missing(expected: Int64, found: Int64)
    /// A sequence number goes backwards or repeats: rows were reordered or duplicated.
    case outOfOrder(expected: Int64, found: Int64)
    /// The record is self-consistent but does not link to its predecessor: it or the one
    /// before it was replaced with a recomputed record.
    case brokenLink
    /// The chain ends before the trusted anchor: records were removed from the end.
    case truncated(expectedLastSequence: Int64, foundLastSequence: Int64)
    /// The last record is not the one the anchor names.
    case anchorMismatch
}
