/// Canadian Social Insurance Numbers: nine digits (`046 454 286`) passing the Luhn checksum,
/// not starting with 0 or 8 (never issued). Unformatted nine-digit numbers need a context word.
public struct CanadianSocialInsuranceNumberDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.caSIN] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        DigitRun.scan(text).flatMap { run -> [GuardFinding] in
            guard !run.touchesWordAfter, !run.hasLeadingPlus else { return [] }
            return run.windows(maxGroups: 3, digits: 9...9) { r in evaluate(run, r, text) }
        }
    }

    func evaluate(_ run: DigitRun, _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        let sizes = run.groups[r].map(\.digits.count)
        let seps = run.separators(r)
        guard sizes == [3, 3, 3] || sizes == [9], Set(seps).count <= 1, seps.allSatisfy({ $0 == " " || $0 == "-" }) else { return nil }
        let digits = run.digits(r)
        guard digits[0] != 0, digits[0] != 8, CreditCardDetector.luhnValid(digits), Set(digits).count > 1 else { return nil }
        let before = text.wordsBefore(run.range(r).lowerBound)
        var confidence = sizes == [3, 3, 3] ? 0.45 : 0.2
        if ContextWords.any(before, in: ContextWords.sinLike) { confidence += 0.4 }
        return text.finding(.caSIN, run.range(r), confidence: confidence, detail: "Canadian SIN")
    }
}
