/// Picks a non-overlapping subset of findings: secrets first, then structurally validated
/// identifiers, then the rest; within a tier the more confident and longer one wins.
public enum FindingResolver {
    public static func priority(_ kind: FindingKind) -> Int {
        if kind == .highEntropySecret { return 1 }
        // A credential inside a URL must beat the e-mail-looking `password@host` around it.
        if FindingKind.secretKinds.contains(kind) { return 4 }
        switch kind {
        case .creditCard, .iban, .usSSN, .ukNINO, .caSIN, .inAadhaar, .email: return 3
        case .phone, .ipAddress, .person: return 2
        default: return 0
        }
    }

    public static func resolve(_ findings: [GuardFinding]) -> [GuardFinding] {
        let ranked = findings.filter { $0.span != nil }.sorted { a, b in
            let pa = priority(a.kind), pb = priority(b.kind)
            if pa != pb { return pa > pb }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            return (a.span?.length ?? 0) > (b.span?.length ?? 0)
        }
        var kept: [GuardFinding] = []
        for f in ranked {
            guard let span = f.span else { continue }
            if kept.contains(where: { $0.span.map { $0.overlaps(span) } ?? false }) { continue }
            kept.append(f)
        }
        return kept.sorted { ($0.span ?? TextSpan(start: 0, end: 0)) < ($1.span ?? TextSpan(start: 0, end: 0)) }
    }
}
