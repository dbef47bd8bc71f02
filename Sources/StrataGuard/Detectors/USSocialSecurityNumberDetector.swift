/// US Social Security numbers (`123-45-6789`), skipping ranges the SSA never issues: area
/// 000, 666 and 900-999, group 00, serial 0000, and well-known published samples.
public struct USSocialSecurityNumberDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.usSSN] }

    /// Numbers printed on sample cards and in advertising, famously reused by the public.
    static let publishedSamples: Set<String> = ["078051120", "219099999", "457555462"]

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        DigitRun.scan(text).flatMap { run -> [GuardFinding] in
            guard !run.touchesWordAfter, !run.hasLeadingPlus else { return [] }
            return run.windows(maxGroups: 3, digits: 9...9) { r in evaluate(run, r, text) }
        }
    }

    func evaluate(_ run: DigitRun, _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        let digits = run.digits(r)
        guard digits.count == 9 else { return nil }
        let sizes = run.groups[r].map(\.digits.count)
        let seps = run.separators(r)
        guard sizes == [3, 2, 4] || sizes == [9] else { return nil }
        if seps.count == 2, seps[0] != seps[1] { return nil }
        guard Self.isIssuable(digits) else { return nil }
        let before = text.wordsBefore(run.range(r).lowerBound)
        var confidence: Double
        switch seps.first {
        case "-": confidence = 0.85
        case " ", ".": confidence = 0.6
        case nil: confidence = 0.3
        default: return nil
        }
        if ContextWords.any(before, in: ContextWords.ssnLike) { confidence += 0.4 }
        if ContextWords.any(before, in: ContextWords.orderLike, last: 2) { confidence -= 0.3 }
        return text.finding(.usSSN, run.range(r), confidence: confidence, detail: "US SSN")
    }

    public static func isIssuable(_ d: [UInt8]) -> Bool {
        guard d.count == 9 else { return false }
        let area = Int(d[0]) * 100 + Int(d[1]) * 10 + Int(d[2])
        let group = Int(d[3]) * 10 + Int(d[4])
        let serial = d[5...].reduce(0) { $0 * 10 + Int($1) }
        if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 { return false }
        if Set(d).count == 1 { return false }
        return !publishedSamples.contains(d.map(String.init).joined())
    }
}
