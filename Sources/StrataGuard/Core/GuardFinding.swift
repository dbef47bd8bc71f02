/// One thing a guard found: what it is, where it is, and how sure the guard is.
public struct GuardFinding: Sendable, Hashable, Codable {
    public var kind: FindingKind
    /// Where in the checked text; `nil` for findings about the text as a whole (length, format).
    public var span: TextSpan?
    /// 0...1; detectors start from structural validity (checksums) and adjust for context words.
    public var confidence: Double
    /// The matched text as it appears in the input. Keep it out of logs: it is the secret.
    public var text: String
    /// Why, in a few words (e.g. "Visa", "ignore-previous-instructions").
    public var detail: String

    public init(kind: FindingKind, span: TextSpan?, confidence: Double, text: String = "", detail: String = "") {
        self.kind = kind
        self.span = span
        self.confidence = min(1, max(0, confidence))
        self.text = text
        self.detail = detail
    }

    /// The finding without its matched text, safe to store in traces, metrics and audit logs.
    public var withoutText: GuardFinding {
        var f = self
        f.text = ""
        return f
    }
}
