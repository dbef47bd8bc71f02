/// Replaces finding spans with placeholders. With a vault that outlives the call the
/// replacement is reversible (pseudonymisation); with a throwaway vault it is plain
/// redaction that still numbers values per kind so the model can tell them apart.
public enum PIIRedactor {
    /// `findings` must not overlap (see `FindingResolver`); spans outside the text are ignored.
    /// `reversible` decides per finding whether its value is kept for `restore`.
    public static func redact(_ text: String, findings: [GuardFinding], vault: inout PseudonymVault,
                              reversible: (GuardFinding) -> Bool = { _ in true }) -> String {
        let spans = findings.compactMap { f in f.span.map { (f, $0) } }.sorted { $0.1 < $1.1 }
        guard !spans.isEmpty else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var cursor = 0
        for (finding, span) in spans where span.start >= cursor && span.end <= s.count {
            out.append(contentsOf: s[cursor..<span.start])
            var value = String.UnicodeScalarView()
            value.append(contentsOf: s[span.start..<span.end])
            out.append(contentsOf: vault.placeholder(for: String(value), kind: finding.kind, reversible: reversible(finding)).unicodeScalars)
            cursor = span.end
        }
        out.append(contentsOf: s[cursor...])
        return String(out)
    }

    /// One-way redaction with a fresh vault.
    public static func redact(_ text: String, findings: [GuardFinding]) -> String {
        var vault = PseudonymVault()
        return redact(text, findings: findings, vault: &vault)
    }
}
