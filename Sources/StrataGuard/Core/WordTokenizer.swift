/// Splits folded text into `WordToken`s for the phrase-based guards (injection, moderation,
/// topics), undoing the cheap obfuscations: leetspeak, letters spaced or dotted apart
/// (`i g n o r e`, `f.u.c.k`), look-alikes (already folded by `ScannedText`).
public enum WordTokenizer {
    public static func tokens(_ text: ScannedText) -> [WordToken] {
        let s = text.folded
        var raw: [WordToken] = []
        var i = 0
        while i < s.count {
            guard isWordish(s[i]) else { i += 1; continue }
            let start = i
            while i < s.count, isWordish(s[i]) { i += 1 }
            var lo = start, hi = i
            // Symbols only count inside a word, or as a leading $/@ standing for s/a.
            while lo < hi, !s[lo].isWordScalar, !((s[lo] == "$" || s[lo] == "@") && lo + 1 < hi && s[lo + 1].isWordScalar) { lo += 1 }
            while hi > lo, !s[hi - 1].isWordScalar, s[hi - 1] != "*" || hi - lo < 2 { hi -= 1 }
            while hi > lo, s[hi - 1] == "*", hi - 1 > lo, !s[hi - 2].isWordScalar { hi -= 1 }
            guard hi > lo else { continue }
            raw.append(WordToken(text: decode(s[lo..<hi]), range: lo..<hi))
        }
        return joinSpelledOut(raw, s)
    }

    @inline(__always) static func isWordish(_ c: Unicode.Scalar) -> Bool {
        c.isWordScalar || c == "*" || c == "@" || c == "$" || c == "'" || c == "!" || c == "|"
    }

    static func decode(_ word: ArraySlice<Unicode.Scalar>) -> String {
        let hasLetter = word.contains { $0.isASCIILetter || ($0.value >= 0x80 && $0.properties.isAlphabetic) }
        var out = String.UnicodeScalarView()
        for c in word {
            if c.isASCIIUpper { out.append(c.asciiLowercased); continue }
            if c.value >= 0x80 {
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
                continue
            }
            guard hasLetter else { out.append(c); continue }
            switch c {
            case "0": out.append("o")
            case "1", "!", "|": out.append("i")
            case "3": out.append("e")
            case "4", "@": out.append("a")
            case "5", "$": out.append("s")
            case "7": out.append("t")
            case "8": out.append("b")
            case "9": out.append("g")
            case "'": break
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// Joins three or more one-letter tokens separated by a single separator into one word.
    static func joinSpelledOut(_ tokens: [WordToken], _ s: [Unicode.Scalar]) -> [WordToken] {
        var out: [WordToken] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var j = i
            while j + 1 < tokens.count, tokens[j].range.count == 1, tokens[j + 1].range.count == 1,
                  tokens[j + 1].range.lowerBound - tokens[j].range.upperBound == 1,
                  s[tokens[j].range.upperBound] != "\n" {
                j += 1
            }
            if j - i >= 2 {
                out.append(WordToken(text: tokens[i...j].map(\.text).joined(),
                                     range: tokens[i].range.lowerBound..<tokens[j].range.upperBound))
                i = j + 1
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }
}
