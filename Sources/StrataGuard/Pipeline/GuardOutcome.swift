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

    /// A flat, text-free summary for an audit record or a trace attribute: the combined
    /// decision, each guard's decision and the count of findings per kind. Never contains the
    /// matched values.
    public var auditDetails: [String: String] {
        var details: [String: String] = ["decision": verdict.name]
        if let blockReason { details["reason"] = blockReason }
        for r in results { details["guard." + r.guardName] = r.verdict.name }
        var counts: [String: Int] = [:]
        for f in verdict.findings { counts[f.kind.rawValue, default: 0] += 1 }
        for (kind, n) in counts { details["findings." + kind] = String(n) }
        return details
    }
}
