/// Payment card numbers: 13-19 digits that pass the Luhn checksum and start with a known
/// issuer range (IIN), optionally grouped by spaces, dashes or dots.
///
/// Luhn alone accepts one random number in ten, so the issuer table and context words
/// ("order #", "invoice") are what keep order numbers out.
public struct CreditCardDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.creditCard] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        DigitRun.scan(text).flatMap { run -> [GuardFinding] in
            guard !run.touchesWordAfter, !run.hasLeadingPlus,
                  run.groups.reduce(0, { $0 + $1.digits.count }) >= 13 else { return [] }
            return run.windows(maxGroups: 19, digits: 13...19) { r in evaluate(run, r, text) }
        }
    }

    func evaluate(_ run: DigitRun, _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        // Every scheme's numbers start with 2-6: reject before building anything.
        guard let first = run.groups[r.lowerBound].digits.first, (2...6).contains(first) else { return nil }
        let digits = run.digits(r)
        guard (13...19).contains(digits.count) else { return nil }
        let seps = run.separators(r)
        // Mixed separators ("4111-1111 1111.1111") are how people write lists, not cards.
        if let first = seps.first, seps.contains(where: { $0 != first }) { return nil }
        if let first = seps.first, ![" ", "-", ".", "  "].contains(first) { return nil }
        guard Self.luhnValid(digits), let brand = Self.brand(digits) else { return nil }
        let sizes = run.groups[r].map(\.digits.count)
        let standard = seps.isEmpty || sizes == [4, 4, 4, 4] || sizes == [4, 6, 5] || sizes == [4, 6, 4]
            || sizes == [4, 4, 4, 4, 3] || sizes == [4, 4, 4, 3] || sizes == [4, 4, 4, 4, 2]
            || sizes.allSatisfy { $0 == 1 }
        guard standard else { return nil }
        let before = text.wordsBefore(run.range(r).lowerBound)
        var confidence = seps.isEmpty ? 0.75 : 0.9
        if ContextWords.any(before, in: ContextWords.cardLike) { confidence += 0.1 }
        if ContextWords.any(before, in: ContextWords.orderLike, last: 3) {
            confidence = seps.isEmpty ? 0.3 : 0.45
        }
        return text.finding(.creditCard, run.range(r), confidence: confidence, detail: brand)
    }

    /// The Luhn (mod 10) checksum used by every card scheme.
    public static func luhnValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            var x = Int(d)
            if i % 2 == 1 { x *= 2; if x > 9 { x -= 9 } }
            sum += x
        }
        return sum % 10 == 0
    }

    /// The scheme an issuer prefix belongs to, or nil when no scheme issues it at that length.
    public static func brand(_ d: [UInt8]) -> String? {
        func prefix(_ n: Int) -> Int { d.prefix(n).reduce(0) { $0 * 10 + Int($1) } }
        let len = d.count
        let p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = prefix(6)
        if p1 == 4, [13, 16, 19].contains(len) { return "Visa" }
        if (51...55).contains(p2) || (2221...2720).contains(p4), len == 16 { return "Mastercard" }
        if p2 == 34 || p2 == 37, len == 15 { return "American Express" }
        if p4 == 6011 || p2 == 65 || (644...649).contains(p3) || (622126...622925).contains(p6),
           (16...19).contains(len) { return "Discover" }
        if (3528...3589).contains(p4), (16...19).contains(len) { return "JCB" }
        if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39, (14...19).contains(len) { return "Diners Club" }
        if p2 == 62, (16...19).contains(len) { return "UnionPay" }
        if [5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].contains(p4), (12...19).contains(len) { return "Maestro" }
        if (2200...2204).contains(p4), (16...19).contains(len) { return "Mir" }
        return nil
    }
}
