/// Phone numbers: international (`+` and 8-15 digits, E.164), North American
/// (`(415) 555-0100`, `415.555.0100`) and trunk-prefixed national formats (`020 7946 0958`,
/// `030-12345678`).
///
/// Bare digit strings only count with a context word ("call", "phone"), and anything shaped
/// like a date is skipped.
public struct PhoneNumberDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.phone] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        DigitRun.scan(text).flatMap { run -> [GuardFinding] in
            // A phone number is a whole run: a tail of a longer digit run (an account number,
            // a failed IBAN) is not a phone number just because it starts with 0.
            guard !run.touchesWordAfter, run.groups.count <= 8,
                  let f = evaluate(run, 0..<run.groups.count, text) else { return [] }
            return [f]
        }
    }

    func evaluate(_ run: DigitRun, _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        let digits = run.digits(r)
        guard digits.count >= 7, digits.count <= 15, !run.looksLikeDate(r) else { return nil }
        let seps = run.separators(r)
        // Phone numbers are written with spaces, dashes, dots or parentheses; a slash run is a
        // fraction or a path, and a dotted quad is an IP address.
        if seps.contains(where: { $0.contains("/") }) { return nil }
        if seps.count == 3, seps.allSatisfy({ $0 == "." }), run.groups[r].allSatisfy({ $0.digits.count <= 3 }) { return nil }
        let plus = r.lowerBound == 0 && run.hasLeadingPlus
        let sizes = run.groups[r].map(\.digits.count)
        let before = text.wordsBefore(run.range(r).lowerBound)
        let phoneContext = ContextWords.any(before, in: ContextWords.phoneLike)
        var confidence: Double
        var detail: String
        if plus {
            guard digits.count >= 8, digits[0] != 0 else { return nil }
            confidence = seps.isEmpty && digits.count < 10 ? 0.6 : 0.9
            detail = "international"
        } else if isNANP(digits), sizes == [3, 3, 4] || sizes == [1, 3, 3, 4] || sizes == [10] || sizes == [11] {
            let formatted = sizes.count > 1 || run.hasParenthesis
            confidence = formatted ? 0.8 : 0.4
            detail = "north-american"
        } else if digits[0] == 0, digits.count >= 9, digits.count <= 12, digits.count > 1, digits[1] != 0 {
            confidence = sizes.count > 1 ? 0.65 : 0.4
            detail = "national"
        } else if digits.count >= 7, digits.count <= 8, sizes == [3, 4] || sizes == [4, 4] || sizes == [2, 2, 2, 2] {
            // Local numbers without area code: only with a context word.
            guard phoneContext else { return nil }
            confidence = 0.45
            detail = "local"
        } else {
            return nil
        }
        if phoneContext { confidence += 0.2 }
        if ContextWords.any(before, in: ContextWords.orderLike, last: 2) { confidence -= 0.3 }
        return text.finding(.phone, run.range(r), confidence: confidence, detail: detail)
    }

    /// North American Numbering Plan: area code and exchange both start with 2-9.
    func isNANP(_ d: [UInt8]) -> Bool {
        var d = d[...]
        if d.count == 11, d.first == 1 { d = d.dropFirst() }
        guard d.count == 10 else { return false }
        let a = d[d.startIndex], e = d[d.startIndex + 3]
        return a >= 2 && e >= 2
    }
}
