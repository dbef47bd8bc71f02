/// The PII and secret guard: scans with a `PIIScanner` and maps each finding's kind to an
/// action. Secrets default to block, personal data to redact.
public struct PIIGuard: PreparedTextGuard {
    public let name: String
    public let scanner: PIIScanner
    public let actions: [FindingKind: GuardAction]
    public let defaultAction: GuardAction

    public static let defaultActions: [FindingKind: GuardAction] = {
        var a: [FindingKind: GuardAction] = [:]
        for k in FindingKind.secretKinds { a[k] = .block }
        // Heuristic secret detectors have false positives: replace rather than refuse.
        a[.highEntropySecret] = .redact
        a[.credential] = .redact
        return a
    }()

    public init(name: String = "pii", scanner: PIIScanner = PIIScanner(),
                actions: [FindingKind: GuardAction] = PIIGuard.defaultActions, defaultAction: GuardAction = .redact) {
        self.name = name
        self.scanner = scanner
        self.actions = actions
        self.defaultAction = defaultAction
    }

    public func action(for kind: FindingKind) -> GuardAction {
        actions[kind] ?? defaultAction
    }

    public func check(_ text: String, direction: GuardDirection) -> GuardVerdict {
        check(ScannedText(text))
    }

    public func check(_ text: PreparedText, direction: GuardDirection) -> GuardVerdict {
        check(text.scanned)
    }

    public func check(_ text: ScannedText) -> GuardVerdict {
        let findings = scanner.scan(text).filter { action(for: $0.kind) != .allow }
        guard !findings.isEmpty else { return .allow }
        let top = findings.map { action(for: $0.kind) }.max() ?? .allow
        switch top {
        case .allow: return .allow
        case .flag: return .flag(findings: findings)
        case .redact, .pseudonymize:
            return .redact(findings: findings)
        case .block:
            let kinds = Set(findings.filter { action(for: $0.kind) == .block }.map(\.kind.rawValue)).sorted()
            return .block(reason: "text contains sensitive data: " + kinds.joined(separator: ", "), findings: findings)
        }
    }
}
