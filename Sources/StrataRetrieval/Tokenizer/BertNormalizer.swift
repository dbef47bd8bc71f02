import Foundation

/// BERT's text normalisation, as `tokenizer.json` describes it: drop control characters and map
/// whitespace to spaces, put spaces around CJK ideographs, strip accents (NFD, then drop
/// non-spacing marks) and lowercase. Works on Unicode scalars because HuggingFace works on
/// Rust `char`s, which are scalars too.
struct BertNormalizer: Sendable {
    var cleanText = true
    var handleChineseChars = true
    var stripAccents = true
    var lowercase = true

    func normalize(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count + 8)
        for s in text.unicodeScalars {
            if cleanText {
                if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
                if Self.isWhitespace(s) { scalars.append(" "); continue }
            }
            if handleChineseChars && Self.isChineseChar(s) {
                scalars.append(" "); scalars.append(s); scalars.append(" ")
                continue
            }
            scalars.append(s)
        }
        if stripAccents {
            // Only text outside ASCII can decompose; skip the Foundation round trip otherwise.
            if scalars.contains(where: { $0.value >= 0x80 }) {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let decomposed = String(view).decomposedStringWithCanonicalMapping
                scalars = decomposed.unicodeScalars.filter { !Self.isNonspacingMark($0) }
            }
        }
        if lowercase {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(scalars.count)
            for s in scalars {
                if s.value < 0x80 {
                    lowered.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(UInt8(s.value + 32)) : s)
                } else if s.properties.changesWhenLowercased {
                    lowered.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                } else {
                    lowered.append(s)
                }
            }
            scalars = lowered
        }
        return scalars
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D, 0x20: true
        case 0..<0x80: s.value == 0x0B || s.value == 0x0C
        default: s.properties.isWhitespace
        }
    }

    /// Tab, newline and carriage return count as whitespace; other control, format and
    /// private-use characters are dropped. Outside ASCII the set is HuggingFace's own, measured
    /// (`BertCharacterTables`): it keeps unassigned code points, for instance.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: false
        // C0 controls and DEL; the rest of ASCII is printable.
        case 0..<0x20, 0x7F: true
        case 0x20..<0x7F: false
        default: BertCharacterTables.contains(BertCharacterTables.control, s.value)
        }
    }

    static func isNonspacingMark(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x300 && BertCharacterTables.contains(BertCharacterTables.nonspacingMarks, s.value)
    }

    /// The CJK Unified Ideographs blocks BERT treats as words of their own (not Hangul or kana).
    static func isChineseChar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: true
        default: false
        }
    }
}
