/// International Bank Account Numbers: country code, two check digits and a national part of
/// the country's fixed length, validated with the ISO 13616 mod-97 checksum. Accepts the
/// printed form with spaces every four characters.
public struct IBANDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.iban] }

    /// Total IBAN length per country (ISO 13616 registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
        "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
        "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
        "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
        "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i + 4 <= s.count {
            guard s[i].isASCIILetter, s[i + 1].isASCIILetter, s[i + 2].isASCIIDigit, s[i + 3].isASCIIDigit,
                  i == 0 || !s[i - 1].isWordScalar else { i += 1; continue }
            var country = ""
            country.unicodeScalars.append(s[i].properties.uppercaseMapping.unicodeScalars.first ?? s[i])
            country.unicodeScalars.append(s[i + 1].properties.uppercaseMapping.unicodeScalars.first ?? s[i + 1])
            guard let length = Self.lengths[country] else { i += 1; continue }
            var compact: [Unicode.Scalar] = []
            var j = i
            while j < s.count, compact.count < length {
                if s[j].isASCIIAlnum {
                    compact.append(s[j].properties.uppercaseMapping.unicodeScalars.first ?? s[j])
                    j += 1
                } else if s[j] == " " || s[j] == "-", j + 1 < s.count, s[j + 1].isASCIIAlnum, compact.count % 4 == 0 {
                    j += 1
                } else {
                    break
                }
            }
            if compact.count == length, j == s.count || !s[j].isASCIIAlnum, Self.checksumValid(compact) {
                out.append(text.finding(.iban, i..<j, confidence: 0.95, detail: country))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35,
    /// and the number must leave remainder 1. Computed digit by digit to avoid big integers.
    public static func checksumValid(_ iban: [Unicode.Scalar]) -> Bool {
        guard iban.count >= 5 else { return false }
        var remainder = 0
        for c in iban[4...] + iban[..<4] {
            if c.isASCIIDigit {
                remainder = (remainder * 10 + c.digitValue) % 97
            } else if c.isASCIIUpper {
                remainder = (remainder * 100 + Int(c.value) - 55) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }
}
