/// Email addresses, found by scanning outwards from each `@` rather than by a regular
/// expression, so pathological input (`a@a@a@…`) stays linear.
///
/// Also catches the spelled-out forms people use to dodge filters: `jane [at] example [dot] com`,
/// `jane(at)example(dot)com`.
public struct EmailDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.email] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var lastEnd = 0
        var i = 0
        while i < s.count {
            var atEnd = i
            if s[i] == "@" {
                atEnd = i + 1
            } else if let end = Self.spelledMarker(s, i, word: ["a", "t"]) {
                atEnd = end
            } else {
                i += 1
                continue
            }
            // Local part: walk left over allowed characters.
            var lo = i
            // Local parts are at most 64 characters; the cap also keeps `a@a@a@…` linear.
            let floor = max(lastEnd, i - 65)
            while lo > floor, Self.isLocal(s[lo - 1]) { lo -= 1 }
            if lo == floor, lo > lastEnd, Self.isLocal(s[lo - 1]) { i = atEnd; continue }
            while lo < i, s[lo] == "." { lo += 1 }
            guard lo < i, i - lo <= 64 else { i = atEnd; continue }
            // Domain: labels separated by "." or a spelled "[dot]".
            var j = atEnd
            var labels = 0
            var lastLabelLetters = true
            var lastLabelLength = 0
            var end = atEnd
            while j < s.count {
                let labelStart = j
                while j < s.count, s[j].isASCIIAlnum || s[j] == "-" || (s[j].value >= 0x80 && s[j].properties.isAlphabetic) { j += 1 }
                guard j > labelStart else { break }
                labels += 1
                lastLabelLength = j - labelStart
                lastLabelLetters = s[labelStart..<j].allSatisfy { $0.isASCIILetter || $0.value >= 0x80 }
                end = j
                if j < s.count, s[j] == ".", j + 1 < s.count, s[j + 1].isASCIIAlnum {
                    j += 1
                } else if let next = Self.spelledMarker(s, j, word: ["d", "o", "t"]) {
                    j = next
                } else {
                    break
                }
            }
            if labels >= 2, lastLabelLetters, lastLabelLength >= 2, end - atEnd <= 253 {
                let spelled = s[i] != "@"
                out.append(text.finding(.email, lo..<end, confidence: spelled ? 0.75 : 0.95,
                                        detail: spelled ? "spelled-out" : ""))
                lastEnd = end
                i = end
            } else {
                i = atEnd
            }
        }
        return out
    }

    static func isLocal(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIAlnum || c == "." || c == "_" || c == "%" || c == "+" || c == "-"
            || (c.value >= 0x80 && c.properties.isAlphabetic)
    }

    /// Matches ` [at] `, `(at)`, ` {dot} ` etc. starting at `i`; returns the index after it.
    static func spelledMarker(_ s: [Unicode.Scalar], _ i: Int, word: [Unicode.Scalar]) -> Int? {
        var k = i
        while k < s.count, s[k] == " " { k += 1 }
        guard k < s.count, s[k] == "[" || s[k] == "(" || s[k] == "{" || s[k] == "<" else { return nil }
        k += 1
        while k < s.count, s[k] == " " { k += 1 }
        for w in word {
            guard k < s.count, s[k].asciiLowercased == w else { return nil }
            k += 1
        }
        while k < s.count, s[k] == " " { k += 1 }
        guard k < s.count, s[k] == "]" || s[k] == ")" || s[k] == "}" || s[k] == ">" else { return nil }
        k += 1
        while k < s.count, s[k] == " " { k += 1 }
        return k
    }
}
