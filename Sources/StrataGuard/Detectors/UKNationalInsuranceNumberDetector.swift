/// UK National Insurance numbers (`QQ 12 34 56 C`): two prefix letters from the allowed set,
/// six digits and a suffix A-D, with or without spaces.
public struct UKNationalInsuranceNumberDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.ukNINO] }

    static let badFirst: Set<Unicode.Scalar> = ["D", "F", "I", "Q", "U", "V"]
    static let badSecond: Set<Unicode.Scalar> = ["D", "F", "I", "O", "Q", "U", "V"]
    /// Prefixes HMRC never allocates (administrative or temporary).
    static let badPrefixes: Set<String> = ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"]

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i + 9 <= s.count {
            guard s[i].isASCIIUpper, s[i + 1].isASCIIUpper, i == 0 || !s[i - 1].isWordScalar,
                  !Self.badFirst.contains(s[i]), !Self.badSecond.contains(s[i + 1]),
                  !Self.badPrefixes.contains(String(s[i]) + String(s[i + 1])) else { i += 1; continue }
            var j = i + 2
            var digits = 0
            while j < s.count, digits < 6 {
                if s[j].isASCIIDigit { digits += 1; j += 1 }
                else if s[j] == " ", digits % 2 == 0, j + 1 < s.count, s[j + 1].isASCIIDigit { j += 1 }
                else { break }
            }
            if digits == 6, j < s.count, s[j] == " ", j + 1 < s.count, s[j + 1].isASCIIUpper { j += 1 }
            if digits == 6, j < s.count, ("A"..."D").contains(s[j]), j + 1 == s.count || !s[j + 1].isWordScalar {
                out.append(text.finding(.ukNINO, i..<(j + 1), confidence: 0.85, detail: "UK NINO"))
                i = j + 1
            } else {
                i += 1
            }
        }
        return out
    }
}
