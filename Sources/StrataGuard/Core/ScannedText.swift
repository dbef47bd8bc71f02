/// Text prepared once for all detectors: the original scalars, a folded copy (see
/// `ScalarFolding`) and the map from folded positions back to original positions, so a
/// finding in folded text redacts exactly the characters the user typed.
public struct ScannedText: Sendable {
    public let original: [Unicode.Scalar]
    /// Folded scalars; invisible characters removed.
    public let folded: [Unicode.Scalar]
    /// `origin[i]` is the original index of `folded[i]`; one extra entry holds `original.count`.
    public let origin: [Int]
    /// True when folding changed anything (a hint of obfuscation for some detectors).
    public let wasFolded: Bool

    public init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    public init(scalars: [Unicode.Scalar]) {
        original = scalars
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(scalars.count)
        origin.reserveCapacity(scalars.count + 1)
        var changed = false
        for (i, s) in scalars.enumerated() {
            if s.value < 0x80 {
                folded.append(s)
                origin.append(i)
            } else if let f = ScalarFolding.fold(s) {
                if f != s { changed = true }
                folded.append(f)
                origin.append(i)
            } else {
                changed = true
            }
        }
        origin.append(scalars.count)
        self.folded = folded
        self.origin = origin
        wasFolded = changed
    }

    public var count: Int { folded.count }

    /// The original span covering folded positions `range`.
    public func originalSpan(_ range: Range<Int>) -> TextSpan {
        guard !range.isEmpty else {
            let p = origin[min(range.lowerBound, origin.count - 1)]
            return TextSpan(start: p, end: p)
        }
        return TextSpan(start: origin[range.lowerBound], end: origin[range.upperBound - 1] + 1)
    }

    /// The original text of a span.
    public func originalText(_ span: TextSpan) -> String {
        var s = String.UnicodeScalarView()
        let lo = max(0, min(span.start, original.count))
        let hi = max(lo, min(span.end, original.count))
        s.append(contentsOf: original[lo..<hi])
        return String(s)
    }

    /// The folded text of a folded range.
    public func foldedText(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: folded[range.clamped(to: 0..<folded.count)])
        return String(s)
    }

    /// A finding built from a folded range.
    public func finding(_ kind: FindingKind, _ range: Range<Int>, confidence: Double, detail: String = "") -> GuardFinding {
        let span = originalSpan(range)
        return GuardFinding(kind: kind, span: span, confidence: confidence, text: originalText(span), detail: detail)
    }

    /// Lower-cased ASCII words in the `window` folded scalars before `position`, nearest
    /// last; used for context words such as "phone:" or "order #".
    public func wordsBefore(_ position: Int, window: Int = 32) -> [String] {
        let lo = max(0, position - window)
        var words: [String] = []
        var current = ""
        for i in lo..<min(position, folded.count) {
            let c = folded[i]
            if c.isASCIILetter {
                current.unicodeScalars.append(c.asciiLowercased)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
