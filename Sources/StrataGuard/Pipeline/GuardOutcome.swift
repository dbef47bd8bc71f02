/// What a pipeline run decided: the combined verdict, the text to pass on (redacted,
/// pseudonymised or restored), and each guard's own verdict.
public struct GuardOutcome: Sendable, Hashable, Codable {
    public var verdict: GuardVerdict
    /// The text to forward. Equal to the input when nothing was replaced; meaningless when blocked.
    public var text: String
    public var results: [GuardResult]

    public var isBlocked: Bool { verdict.isBlocked }

    /// The caller-safe reason when blocked.
    public var blockReason: String? {
        if case .block(let reason, _) = verdict { return reason }
        return nil
    }
}
