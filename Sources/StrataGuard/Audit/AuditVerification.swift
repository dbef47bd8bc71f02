/// The verifier's verdict on a sequence of audit records.
public enum AuditVerification: Sendable, Hashable {
    case valid(count: Int, lastHash: String)
    /// `index` is the position in the given sequence (0-based), `sequence` the record's own number.
    case broken(index: Int, sequence: Int64?, problem: AuditProblem)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
