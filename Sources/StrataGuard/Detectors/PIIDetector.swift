/// Finds one family of personal data or secrets in prepared text.
///
/// Detectors see the folded text (`ScannedText`) so each one handles full-width digits,
/// look-alike letters and invisible separators for free, and report spans in the original.
public protocol PIIDetector: Sendable {
    /// The kinds this detector can emit; policies use it to skip detectors nobody asked for.
    var kinds: Set<FindingKind> { get }
    func detect(in text: ScannedText) -> [GuardFinding]
}
