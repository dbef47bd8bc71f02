/// Redacts personal data and secrets in a streamed response without buffering it: each
/// `feed` returns the text that is already safe, holding back only the last `lookBehind`
/// scalars (and any unbroken token reaching into them, such as a JWT still arriving), so a
/// value split across deltas is still caught whole.
///
/// Why the hold-back is enough: every detector's entity is shorter than `lookBehind` or has
/// no whitespace (held whole) or is a PEM block (reported open-ended until its END line).
public struct StreamingRedactor: Sendable {
    public let piiGuard: PIIGuard
    public private(set) var vault: PseudonymVault
    /// Every finding so far, with spans in scalars of the whole original stream.
    public private(set) var findings: [GuardFinding] = []
    /// Set once a finding whose action is `.block` went by (it was redacted); the caller
    /// decides whether to end the stream.
    public private(set) var sawBlockedContent = false
    public let lookBehind: Int
    /// Upper bound on held-back text, so a stream of one endless token cannot pin memory.
    public let maxHold: Int

    private var pending: [Unicode.Scalar] = []
    /// The tail of already emitted original text: context words ("card", "phone") for the
    /// detectors, never emitted again.
    private var context: [Unicode.Scalar] = []
    private var consumed = 0
    /// Set when `maxHold` forced a release in the middle of a finding: the rest of that value
    /// is swallowed (never released) until its end (a break character, or a PEM END line).
    private var swallowing: FindingKind?

    public init(piiGuard: PIIGuard = PIIGuard(), vault: PseudonymVault = PseudonymVault(),
                lookBehind: Int = 64, maxHold: Int = 8192) {
        self.piiGuard = piiGuard
        self.vault = vault
        self.lookBehind = max(16, lookBehind)
        self.maxHold = max(self.lookBehind * 2, maxHold)
    }

    /// Number of scalars currently held back.
    public var heldBack: Int { pending.count }

    public mutating func feed(_ delta: String) -> String {
        pending.append(contentsOf: delta.unicodeScalars)
        return drain(final: false)
    }

    /// Flushes everything still held back; call once when the upstream stream ends.
    public mutating func finish() -> String {
        drain(final: true)
    }

    private mutating func drain(final: Bool) -> String {
        if swallowing != nil { swallowRest(final: final) }
        guard !pending.isEmpty, swallowing == nil else { return "" }
        let scanned = ScannedText(scalars: context + pending)
        let offset = context.count
        let local: [GuardFinding] = piiGuard.scanner.scan(scanned).compactMap { f in
            guard let span = f.span, span.start >= offset, piiGuard.action(for: f.kind) != .allow else { return nil }
            var g = f
            g.span = TextSpan(start: span.start - offset, end: span.end - offset)
            return g
        }
        var cut = final ? pending.count : max(0, pending.count - lookBehind)
        if !final {
            // Never cut inside an unbroken token: it may be a key that is still arriving.
            while cut > 0, cut < pending.count, !Self.isBreak(pending[cut - 1]), !Self.isBreak(pending[cut]) { cut -= 1 }
            // Never cut inside a finding: it may still grow (a phone number's last digits).
            var moved = true
            while moved {
                moved = false
                for f in local {
                    if let s = f.span, s.start < cut, s.end > cut { cut = s.start; moved = true }
                }
            }
            if pending.count - cut > maxHold { cut = pending.count - maxHold }
        }
        guard cut > 0 else { return "" }
        // A forced cut inside a finding: redact what is released and swallow the remainder.
        var forcedInto: GuardFinding?
        if let f = local.first(where: { ($0.span?.start ?? cut) < cut && ($0.span?.end ?? 0) > cut }) {
            forcedInto = f
        }
        var out = String.UnicodeScalarView()
        var cursor = 0
        for f in local.sorted(by: { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }) {
            guard let s = f.span, s.start >= cursor, s.end <= cut else { continue }
            var global = f
            global.span = TextSpan(start: s.start + consumed, end: s.end + consumed)
            findings.append(global)
            let action = piiGuard.action(for: f.kind)
            if action == .flag { continue }
            if action == .block { sawBlockedContent = true }
            out.append(contentsOf: pending[cursor..<s.start])
            var value = String.UnicodeScalarView()
            value.append(contentsOf: pending[s.start..<s.end])
            // Values the model produced are never restorable: only the caller's own values are.
            out.append(contentsOf: vault.placeholder(for: String(value), kind: f.kind, reversible: false).unicodeScalars)
            cursor = s.end
        }
        if let f = forcedInto, let span = f.span, span.start >= cursor {
            out.append(contentsOf: pending[cursor..<span.start])
            var partial = f
            partial.span = TextSpan(start: span.start + consumed, end: cut + consumed)
            findings.append(partial)
            if piiGuard.action(for: f.kind) == .block { sawBlockedContent = true }
            out.append(contentsOf: vault.placeholder(for: "partial:" + String(String.UnicodeScalarView(pending[span.start..<cut])),
                                                     kind: f.kind, reversible: false).unicodeScalars)
            cursor = cut
            swallowing = f.kind
        }
        out.append(contentsOf: pending[cursor..<cut])
        context = Array((context + pending[0..<cut]).suffix(32))
        consumed += cut
        pending.removeFirst(cut)
        return String(out)
    }

    /// Drops the continuation of a value whose start was already redacted by a forced cut.
    private mutating func swallowRest(final: Bool) {
        var end: Int?
        if swallowing == .privateKey {
            if let e = PrivateKeyDetector.find(PrivateKeyDetector.end, in: pending, from: 0),
               let close = PrivateKeyDetector.find(PrivateKeyDetector.dashes, in: pending, from: e + PrivateKeyDetector.end.count) {
                end = close + PrivateKeyDetector.dashes.count
            }
        } else {
            end = pending.firstIndex(where: Self.isBreak)
        }
        // Without an end in sight keep a short tail, so an END line split across deltas is still found.
        let drop = end ?? (final ? pending.count : max(0, pending.count - 40))
        consumed += drop
        pending.removeFirst(drop)
        if end != nil || final { swallowing = nil }
    }

    @inline(__always) static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\n" || c == "\t" || c == "\r"
    }
}
