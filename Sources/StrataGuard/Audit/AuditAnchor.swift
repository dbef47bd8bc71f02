/// The last record's number and hash, kept somewhere the log's writer cannot rewrite
/// (printed in a report, sent to another system). Without one, deleting records from the
/// end of a chain is undetectable.
public struct AuditAnchor: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
