/// Indian Aadhaar numbers: twelve digits (`2345 6789 0124`), first digit 2-9, last digit a
/// Verhoeff check digit, which catches every single-digit error and adjacent swap.
public struct AadhaarNumberDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.inAadhaar] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        DigitRun.scan(text).flatMap { run -> [GuardFinding] in
            guard !run.touchesWordAfter, !run.hasLeadingPlus else { return [] }
            return run.windows(maxGroups: 3, digits: 12...12) { r in evaluate(run, r, text) }
        }
    }

    func evaluate(_ run: DigitRun, _ r: Range<Int>, _ text: ScannedText) -> GuardFinding? {
        let sizes = run.groups[r].map(\.digits.count)
        let seps = run.separators(r)
        guard sizes == [4, 4, 4] || sizes == [12], Set(seps).count <= 1, seps.allSatisfy({ $0 == " " || $0 == "-" }) else { return nil }
        let digits = run.digits(r)
        guard digits[0] >= 2, Self.verhoeffValid(digits) else { return nil }
        let before = text.wordsBefore(run.range(r).lowerBound)
        var confidence = sizes == [4, 4, 4] ? 0.55 : 0.3
        if ContextWords.any(before, in: ContextWords.aadhaarLike) { confidence += 0.35 }
        if ContextWords.any(before, in: ContextWords.orderLike, last: 2) { confidence -= 0.3 }
        return text.finding(.inAadhaar, run.range(r), confidence: confidence, detail: "Aadhaar")
    }

    // Verhoeff's dihedral-group tables.
    static let d: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ]
    static let p: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ]

    public static func verhoeffValid(_ digits: [UInt8]) -> Bool {
        var c = 0
        for (i, digit) in digits.reversed().enumerated() {
            c = d[c][p[i % 8][Int(digit)]]
        }
        return c == 0
    }
}
