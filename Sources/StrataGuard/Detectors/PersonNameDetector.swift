/// Personal names found from context, without a language model: a title (`Dr. Amal Haddad`),
/// an introduction or salutation (`my name is …`, `Dear …`, `Regards,\n…`, `From: …`), or a
/// common first name followed by a capitalised surname (`Lena Fischer`).
///
/// A heuristic with high precision and limited recall: names that appear with no cue and an
/// uncommon first name are missed (an NER model would be needed for those).
public struct PersonNameDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.person] }

    public init() {}

    /// A capitalised word of the folded text.
    struct Word {
        var range: Range<Int>
        /// Lower-cased once here: the rules compare it against several word lists.
        var lower: String
        var capitalised: Bool
        /// Punctuation right after the word (",", ".", ":"), or nil.
        var trailing: Unicode.Scalar?
        var lineBreakBefore: Bool
    }

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let words = Self.words(text.folded)
        var out: [GuardFinding] = []
        var i = 0
        while i < words.count {
            if let (range, confidence, next) = match(words, at: i) {
                out.append(text.finding(.person, range, confidence: confidence, detail: "name"))
                i = next
            } else {
                i += 1
            }
        }
        return out
    }

    /// A name starting at or right after word `i`: (folded range, confidence, next word index).
    func match(_ w: [Word], at i: Int) -> (Range<Int>, Double, Int)? {
        let lower = w[i].lower
        // 1. Title + capitalised words.
        if NameLexicon.titles.contains(lower), i + 1 < w.count, let (r, n, end) = nameRun(w, from: i + 1) {
            return (r, n >= 2 ? 0.9 : 0.75, end)
        }
        // 2. Introductions and salutations.
        if let cueLength = cue(w, at: i), i + cueLength < w.count,
           !NameLexicon.titles.contains(w[i + cueLength].lower),  // "Dear Ms. X": the title rule takes it
           let (r, n, end) = nameRun(w, from: i + cueLength) {
            if n >= 2 || NameLexicon.firstNames.contains(w[i + cueLength].lower) { return (r, n >= 2 ? 0.85 : 0.7, end) }
            return (r, 0.55, end)
        }
        // 3. Known first name + capitalised surname.
        if w[i].capitalised, NameLexicon.firstNames.contains(lower), i + 1 < w.count, w[i].trailing == nil,
           w[i + 1].capitalised, !w[i + 1].lineBreakBefore, !NameLexicon.notNames.contains(w[i + 1].lower) {
            return (w[i].range.lowerBound..<w[i + 1].range.upperBound, 0.75, i + 2)
        }
        return nil
    }

    /// Number of words of an introduction cue starting at `i` ("my name is" → 3), or nil.
    func cue(_ w: [Word], at i: Int) -> Int? {
        let a = w[i].lower
        guard NameLexicon.cueStarts.contains(a) else { return nil }
        let b = i + 1 < w.count ? w[i + 1].lower : ""
        let c = i + 2 < w.count ? w[i + 2].lower : ""
        if a == "my", b == "name", c == "is" { return 3 }
        if a == "name", w[i].trailing == ":" { return 1 }
        if a == "name", b == "is" { return 2 }
        if NameLexicon.salutations.contains(a), w[i].trailing == nil { return 1 }
        if NameLexicon.labelCues.contains(a), w[i].trailing == "," || w[i].trailing == ":" { return 1 }
        if a == "best", b == "regards", w[i + 1].trailing == "," { return 2 }
        if a == "kind", b == "regards", w[i + 1].trailing == "," { return 2 }
        if a == "named" || a == "called" { return 1 }
        return nil
    }

    /// One to three capitalised words from `i` that are not common non-name words:
    /// (folded range, word count, next index).
    func nameRun(_ w: [Word], from i: Int) -> (Range<Int>, Int, Int)? {
        var j = i
        while j < w.count, j - i < 3, w[j].capitalised, !NameLexicon.notNames.contains(w[j].lower),
              j == i || !w[j].lineBreakBefore {
            j += 1
            if w[j - 1].trailing != nil && w[j - 1].trailing != "." { break }
            // "M." and "J." initials continue; a full stop after a long word ends the name.
            if w[j - 1].trailing == ".", w[j - 1].range.count > 1 { break }
        }
        guard j > i else { return nil }
        // A lone initial is not a name.
        if j - i == 1, w[i].range.count < 2 { return nil }
        return (w[i].range.lowerBound..<w[j - 1].range.upperBound, j - i, j)
    }

    static func words(_ s: [Unicode.Scalar]) -> [Word] {
        var out: [Word] = []
        var i = 0
        var lineBreak = false
        while i < s.count {
            let c = s[i]
            if c == "\n" { lineBreak = true }
            guard c.isASCIILetter || (c.value >= 0xC0 && c.properties.isAlphabetic) else { i += 1; continue }
            let start = i
            while i < s.count, s[i].isASCIILetter || s[i] == "'" || s[i] == "-" || (s[i].value >= 0xC0 && s[i].properties.isAlphabetic) { i += 1 }
            // A possessive ("Chen's") belongs to the sentence, not to the name.
            var end = i
            if end - start > 2, s[end - 1] == "s" || s[end - 1] == "S", s[end - 2] == "'" { end -= 2 }
            while end > start, s[end - 1] == "'" || s[end - 1] == "-" { end -= 1 }
            var lower = String.UnicodeScalarView()
            for c in s[start..<end] {
                if c.value < 0x80 { lower.append(c.asciiLowercased) } else { lower.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars) }
            }
            let first = s[start]
            let capitalised = first.isASCIIUpper || (first.value >= 0xC0 && first.properties.isUppercase)
            var trailing: Unicode.Scalar?
            if i < s.count {
                switch s[i] {
                case ",", ".", ":", ";", "!", "?", ")": trailing = s[i]
                default: trailing = nil
                }
            }
            // An all-caps word (ACME, NOTE) is an acronym or shouting, not a name.
            let allCaps = s[start..<end].count > 1 && s[start..<end].allSatisfy { !$0.isASCIILower }
            out.append(Word(range: start..<end, lower: String(lower), capitalised: capitalised && !allCaps,
                            trailing: trailing, lineBreakBefore: lineBreak))
            lineBreak = false
        }
        return out
    }
}
