/// What a guard decided about a piece of text.
///
/// Ordered by severity (`allow < flag < redact < block`) so a pipeline combines verdicts
/// by keeping the most severe and merging findings.
public enum GuardVerdict: Sendable, Hashable, Codable {
    /// Nothing found worth mentioning.
    case allow
    /// Let the text through but record the findings (inbox, trace, alert).
    case flag(findings: [GuardFinding])
    /// Let the text through only after the spans in `findings` are replaced.
    case redact(findings: [GuardFinding])
    /// Stop the request; `reason` is safe to show the caller (it never contains the matched text).
    case block(reason: String, findings: [GuardFinding])

    public var findings: [GuardFinding] {
        switch self {
        case .allow: []
        case .flag(let f), .redact(let f): f
        case .block(_, let f): f
        }
    }

    /// 0 allow, 1 flag, 2 redact, 3 block.
    public var severity: Int {
        switch self {
        case .allow: 0
        case .flag: 1
        case .redact: 2
        case .block: 3
        }
    }

    public var isBlocked: Bool { severity == 3 }

    /// The more severe of two verdicts carrying the findings of both.
    public func combined(with other: GuardVerdict) -> GuardVerdict {
        let all = findings + other.findings
        let top = severity >= other.severity ? self : other
        switch top {
        case .allow: return all.isEmpty ? .allow : .flag(findings: all)
        case .flag: return .flag(findings: all)
        case .redact: return .redact(findings: all)
        case .block(let reason, _): return .block(reason: reason, findings: all)
        }
    }

    /// The same verdict with every finding's matched text removed (for logs and traces).
    public var withoutText: GuardVerdict {
        switch self {
        case .allow: .allow
        case .flag(let f): .flag(findings: f.map(\.withoutText))
        case .redact(let f): .redact(findings: f.map(\.withoutText))
        case .block(let reason, let f): .block(reason: reason, findings: f.map(\.withoutText))
        }
    }

    /// "allow", "flag", "redact" or "block", for metrics labels and audit details.
    public var name: String {
        switch self {
        case .allow: "allow"
        case .flag: "flag"
        case .redact: "redact"
        case .block: "block"
        }
    }
}
