/// Street addresses in the common English and German shapes: a house number, one to four
/// capitalised words and a street type (`221B Baker Street`, `1600 Pennsylvania Avenue NW`,
/// `10 Downing St.`), or a street name ending in a street word and a number
/// (`Hauptstraße 12`, `Lindenallee 4a`). A heuristic, not a gazetteer: it needs the street
/// type, so "3 Large Pizzas" is not an address. Both shapes hang on a house number, so only
/// the text around digit runs is looked at.
public struct StreetAddressDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.streetAddress] }

    static let streetTypes: Set<String> = [
        "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Way", "Court", "Ct",
        "Place", "Pl", "Square", "Sq", "Terrace", "Parkway", "Pkwy", "Highway", "Hwy", "Close", "Crescent", "Row", "Walk",
    ]
    static let abbreviations: Set<String> = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Sq", "Pkwy", "Hwy"]
    static let directions: Set<String> = ["N", "S", "E", "W", "NE", "NW", "SE", "SW"]
    static let germanEndings = ["straße", "strasse", "str.", "gasse", "weg", "platz", "allee", "ring", "damm"]

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            guard s[i].isASCIIDigit, i == 0 || !s[i - 1].isLetterOrDigit else { i += 1; continue }
            var j = i
            while j < s.count, s[j].isASCIIDigit { j += 1 }
            let digits = j - i
            if j < s.count, s[j].isASCIILetter, j + 1 == s.count || !s[j + 1].isLetterOrDigit { j += 1 }
            guard (1...5).contains(digits), j == s.count || !s[j].isLetterOrDigit else {
                i = j
                continue
            }
            if let end = englishStreet(s, after: j) {
                out.append(text.finding(.streetAddress, i..<end, confidence: 0.8, detail: "street address"))
                i = end
            } else if digits <= 4, let start = germanStreet(s, before: i) {
                out.append(text.finding(.streetAddress, start..<j, confidence: 0.8, detail: "street address"))
                i = j
            } else {
                i = j
            }
        }
        return out
    }

    /// After a house number: up to four capitalised words, then a street type (and a
    /// direction); the end of the address, or nil.
    func englishStreet(_ s: [Unicode.Scalar], after start: Int) -> Int? {
        var p = start
        var names = 0
        while names <= 4, p + 1 < s.count, s[p] == " ", s[p + 1].properties.isUppercase {
            let (word, end) = Self.word(s, from: p + 1)
            if names > 0, Self.streetTypes.contains(word) {
                var stop = end
                if stop < s.count, s[stop] == ".", Self.abbreviations.contains(word) { stop += 1 }
                if stop + 1 < s.count, s[stop] == " " {
                    let (next, nextEnd) = Self.word(s, from: stop + 1)
                    if Self.directions.contains(next), nextEnd == s.count || !s[nextEnd].isLetterOrDigit { return nextEnd }
                }
                return stop
            }
            names += 1
            p = end
        }
        return nil
    }

    /// Before a house number: a capitalised word ending in a street word; where it starts, or nil.
    func germanStreet(_ s: [Unicode.Scalar], before number: Int) -> Int? {
        guard number >= 2, s[number - 1] == " " else { return nil }
        var start = number - 1
        while start > 0, s[start - 1].isLetterOrDigit || s[start - 1] == "." { start -= 1 }
        guard start < number - 1, s[start].properties.isUppercase else { return nil }
        let word = String(String.UnicodeScalarView(s[start..<(number - 1)])).lowercased()
        return Self.germanEndings.contains { word.hasSuffix($0) && word.count > $0.count + 2 } ? start : nil
    }

    /// The word (letters, apostrophes, hyphens) starting at `from`, and where it ends.
    static func word(_ s: [Unicode.Scalar], from: Int) -> (String, Int) {
        var end = from
        while end < s.count, s[end].isLetterOrDigit || ((s[end] == "'" || s[end] == "-") && end + 1 < s.count && s[end + 1].isLetterOrDigit) {
            end += 1
        }
        return (String(String.UnicodeScalarView(s[from..<end])), end)
    }
}

extension Unicode.Scalar {
    var isLetterOrDigit: Bool { isASCIIAlnum || (value > 0x7F && properties.isAlphabetic) }
}
