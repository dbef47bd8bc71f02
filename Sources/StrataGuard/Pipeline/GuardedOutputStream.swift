/// Guards a streamed answer delta by delta: redacts personal data and secrets with a small
/// hold-back (`StreamingRedactor`), checks each released piece against moderation and
/// topics, and restores the caller's pseudonymised values, including placeholders split
/// across deltas.
///
/// Once a piece is blocked, `blockReason` is set and every later call returns nothing: the
/// gateway ends the stream with an error event.
public struct GuardedOutputStream: Sendable {
    /// What to send the client after one delta.
    public struct Step: Sendable, Hashable {
        public var text: String
        /// Set on the step that crossed a blocking rule; the text before it was already sent.
        public var blockReason: String?
    }

    let pipeline: GuardPipeline
    private var redactor: StreamingRedactor
    private var restorer: StreamingPseudonymRestorer
    /// The last words released, so a phrase split across two releases is still seen whole.
    private var tail = ""
    /// Released text, kept only when a whole-answer check (JSON, line count) needs it.
    private var released = ""
    private var releasedScalars = 0
    private let keepsReleased: Bool
    private let tailLength: Int
    public private(set) var blockReason: String?
    public private(set) var results: [GuardResult] = []

    init(pipeline: GuardPipeline, vault: PseudonymVault) {
        self.pipeline = pipeline
        let pii = pipeline.piiGuard.flatMap { pipeline.policy.pii?.checkOutput == true ? $0 : nil }
            // Without PII checks the redactor still aligns releases to word boundaries.
            ?? PIIGuard(scanner: PIIScanner(detectors: []))
        redactor = StreamingRedactor(piiGuard: pii, vault: vault)
        restorer = StreamingPseudonymRestorer(vault: vault)
        keepsReleased = pipeline.outputShape.map { $0.requireJSON || $0.maxLines != nil } ?? false
        // Long enough for a phrase to span two releases and for the longest canary.
        tailLength = max(48, (pipeline.outputShape?.canaries.map(\.unicodeScalars.count).max() ?? 0) + 1)
    }

    /// Findings redacted so far, with spans in the original stream.
    public var redactions: [GuardFinding] { redactor.findings }

    /// True once the model produced something whose policy action is `block` (a secret, a
    /// card number). It was replaced before reaching the client; the gateway may still want
    /// to end the stream or raise an alert.
    public var sawBlockedContent: Bool { redactor.sawBlockedContent }

    public mutating func feed(_ delta: String) -> Step {
        guard blockReason == nil else { return Step(text: "", blockReason: nil) }
        return release(redactor.feed(delta), final: false)
    }

    /// Flushes the held-back text and runs whole-answer checks.
    public mutating func finish() -> Step {
        guard blockReason == nil else { return Step(text: "", blockReason: nil) }
        return release(redactor.finish(), final: true)
    }

    private mutating func release(_ safe: String, final: Bool) -> Step {
        let window = tail + safe
        let offset = tail.unicodeScalars.count
        let active = pipeline.guards.filter { $0.directions.contains(.output) && !($0.base is PIIGuard) }
        let prepared = active.isEmpty ? nil : PreparedText(window)
        for g in active {
            guard let prepared else { break }
            let verdict = (g.base as? any PreparedTextGuard)?.check(prepared, direction: .output)
                ?? g.base.check(window, direction: .output)
            // Only findings that reach into the new text count; the tail was checked before.
            let fresh = verdict.findings.filter { ($0.span?.end ?? Int.max) > offset }
            guard !fresh.isEmpty else { continue }
            results.append(GuardResult(guardName: g.base.name, verdict: verdict))
            if case .block(let reason, _) = verdict {
                blockReason = reason
                return Step(text: "", blockReason: reason)
            }
        }
        if let shape = pipeline.outputShape {
            // Canaries are checked as they pass, before the leaked prompt reaches the client.
            if shape.canaries.contains(where: { window.contains($0) }) {
                blockReason = "response revealed protected instructions"
                return Step(text: "", blockReason: blockReason)
            }
            releasedScalars += safe.unicodeScalars.count
            if keepsReleased { released += safe }
            if let max = shape.maxCharacters, releasedScalars > max {
                blockReason = "response format: longer than \(max) characters"
                return Step(text: "", blockReason: blockReason)
            }
            if final, keepsReleased {
                let verdict = shape.check(released, direction: .output)
                results.append(GuardResult(guardName: shape.name, verdict: verdict))
                if case .block(let reason, _) = verdict { blockReason = reason }
            }
        }
        tail = String(String.UnicodeScalarView(window.unicodeScalars.suffix(tailLength)))
        var text = restorer.feed(safe)
        if final { text += restorer.finish() }
        return Step(text: text, blockReason: final ? blockReason : nil)
    }
}
