/// Street addresses in the common English and German shapes: a house number, one to four
/// capitalised words and a street type (`221B Baker Street`, `1600 Pennsylvania Avenue NW`,
/// `10 Downing St.`), or a street name ending in a street word and a number
/// (`Hauptstraße 12`, `Lindenallee 4a`). A heuristic, not a gazetteer: it needs the street
/// type, so "3 Large Pizzas" is not an address.
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
        let words = Self.words(s)
        var out: [GuardFinding] = []
        var w = 0
        while w < words.count {
            if let end = englishAddress(words, from: w) {
                // A dot belongs to an abbreviated street type ("St."), not to a sentence's end.
                let last = words[end].text
                let keepDot = last.hasSuffix(".") && Self.abbreviations.contains(String(last.dropLast()))
                let upper = words[end].range.upperBound - (last.hasSuffix(".") && !keepDot ? 1 : 0)
                out.append(text.finding(.streetAddress, words[w].range.lowerBound..<upper, confidence: 0.8, detail: "street address"))
                w = end + 1
            } else if let end = germanAddress(words, from: w) {
                out.append(text.finding(.streetAddress, words[w].range.lowerBound..<words[end].range.upperBound, confidence: 0.8,
                                        detail: "street address"))
                w = end + 1
            } else {
                w += 1
            }
        }
        return out
    }

    struct Word {
        var text: String
        var range: Range<Int>
    }

    /// Runs of letters, digits, apostrophes, hyphens and a trailing dot, with their positions.
    static func words(_ s: [Unicode.Scalar]) -> [Word] {
        var result: [Word] = []
        var i = 0
        while i < s.count {
            guard s[i].isLetterOrDigit else { i += 1; continue }
            var j = i
            while j < s.count, s[j].isLetterOrDigit || ((s[j] == "'" || s[j] == "-") && j + 1 < s.count && s[j + 1].isLetterOrDigit) {
                j += 1
            }
            if j < s.count, s[j] == "." { j += 1 }
            result.append(Word(text: String(String.UnicodeScalarView(s[i..<j])), range: i..<j))
            i = j
        }
        return result
    }

    /// `221B Baker Street NW`: the index of the last word of the address.
    func englishAddress(_ words: [Word], from w: Int) -> Int? {
        let number = Array(words[w].text.unicodeScalars)
        let digits = number.prefix { $0.isASCIIDigit }.count
        guard (1...5).contains(digits), number.count <= digits + 1, number.count == digits || number[digits].isASCIILetter
        else { return nil }
        var k = w + 1
        var names = 0
        while k < words.count, names <= 4 {
            let bare = words[k].text.hasSuffix(".") ? String(words[k].text.dropLast()) : words[k].text
            if names > 0, Self.streetTypes.contains(bare) {
                if k + 1 < words.count, Self.directions.contains(words[k + 1].text), adjacent(words[k], words[k + 1]) { return k + 1 }
                return k
            }
            guard let first = bare.unicodeScalars.first, first.isUppercaseLetter, adjacent(words[k - 1], words[k]) else { return nil }
            names += 1
            k += 1
        }
        return nil
    }

    /// `Hauptstraße 12a`: the index of the house number.
    func germanAddress(_ words: [Word], from w: Int) -> Int? {
        let name = words[w].text
        guard let first = name.unicodeScalars.first, first.isUppercaseLetter,
              Self.germanEndings.contains(where: { name.lowercased().hasSuffix($0) && name.count > $0.count + 2 }),
              w + 1 < words.count, adjacent(words[w], words[w + 1])
        else { return nil }
        let number = Array(words[w + 1].text.unicodeScalars)
        let digits = number.prefix { $0.isASCIIDigit }.count
        guard (1...4).contains(digits), number.count <= digits + 1 else { return nil }
        return w + 1
    }

    /// Consecutive words separated by a single space (not a line break or punctuation).
    func adjacent(_ a: Word, _ b: Word) -> Bool { b.range.lowerBound == a.range.upperBound + 1 }
}

extension Unicode.Scalar {
    var isLetterOrDigit: Bool { properties.isAlphabetic || isASCIIDigit }
    var isUppercaseLetter: Bool { properties.isUppercase }
}
