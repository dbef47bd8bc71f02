/// What to do with a finding of a given kind.
public enum GuardAction: String, Sendable, Codable, CaseIterable, Comparable {
    /// Ignore it.
    case allow
    /// Record it, let the text through unchanged.
    case flag
    /// Replace it with a numbered placeholder; the original is discarded.
    case redact
    /// Replace it with a placeholder that the response restores for the caller.
    case pseudonymize
    /// Refuse the request.
    case block

    var rank: Int {
        switch self {
        case .allow: 0
        case .flag: 1
        case .redact: 2
        case .pseudonymize: 3
        case .block: 4
        }
    }

    public static func < (lhs: GuardAction, rhs: GuardAction) -> Bool { lhs.rank < rhs.rank }
}
