import Foundation

/// Unlabelled secrets: long tokens mixing letters and digits whose characters are spread
/// evenly enough (Shannon entropy per character above a threshold) to be random rather than
/// words, identifiers or hashes of a known shape.
public struct HighEntropySecretDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.highEntropySecret] }

    /// Bits per character; random base62 of length 24+ scores about 4.2, English words and
    /// camelCase identifiers below 3.5, lowercase hex at most 4.0.
    public var threshold: Double
    public var minLength: Int

    public init(threshold: Double = 3.7, minLength: Int = 20) {
        self.threshold = threshold
        self.minLength = minLength
    }

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            guard Self.isTokenScalar(s[i]) else { i += 1; continue }
            let start = i
            while i < s.count, Self.isTokenScalar(s[i]) { i += 1 }
            var end = i
            while end > start, s[end - 1] == "." || s[end - 1] == "-" || s[end - 1] == "_" { end -= 1 }
            guard end - start >= minLength, end - start <= 512 else { continue }
            if let f = evaluate(s, start..<end, text) { out.append(f) }
        }
        return out
    }

    func evaluate(_ s: [Unicode.Scalar], _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        var upper = 0, lower = 0, digit = 0
        var counts: [UInt8: Int] = [:]
        var dashes = 0, slashes = 0, dots = 0
        for c in s[r] {
            if c.isASCIIUpper { upper += 1 } else if c.isASCIILower { lower += 1 } else if c.isASCIIDigit { digit += 1 }
            if c == "-" { dashes += 1 } else if c == "/" { slashes += 1 } else if c == "." { dots += 1 }
            counts[UInt8(truncatingIfNeeded: c.value), default: 0] += 1
        }
        // Paths, URLs, dotted names and UUIDs are structured, not secrets.
        guard digit > 0, upper + lower > 0, slashes <= 1, dots <= 1, dashes <= 2 else { return nil }
        // All-uppercase-or-digits plus lowercase-hex shapes (hashes) need a context word.
        let mixedCase = upper > 0 && lower > 0
        let n = Double(r.count)
        var entropy = 0.0
        for (_, k) in counts {
            let p = Double(k) / n
            entropy -= p * log2(p)
        }
        let before = text.wordsBefore(r.lowerBound, window: 24)
        let labelled = ContextWords.any(before, in: ContextWords.secretLike, last: 3)
        guard entropy >= threshold || (labelled && entropy >= threshold - 0.5) else { return nil }
        guard mixedCase || labelled else { return nil }
        var confidence = 0.55 + (entropy - threshold) * 0.3
        if labelled { confidence += 0.25 }
        return text.finding(.highEntropySecret, r, confidence: min(0.9, confidence), detail: "\(format2(entropy)) bits/char")
    }

    func format2(_ x: Double) -> String {
        let v = (x * 100).rounded() / 100
        return String(v)
    }

    @inline(__always) static func isTokenScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIAlnum || c == "+" || c == "/" || c == "=" || c == "_" || c == "-" || c == "."
    }
}
