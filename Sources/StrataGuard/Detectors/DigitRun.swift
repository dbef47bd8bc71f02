/// A run of digit groups separated by short separators (`4111 1111-1111.1111`,
/// `(415) 555-0100`, `+44 20 7946 0958`), the shared raw material of the card, phone and
/// national-id detectors. Positions are folded-text indices.
public struct DigitRun: Sendable {
    /// One group of consecutive digits.
    public struct Group: Sendable {
        public var range: Range<Int>
        public var digits: [UInt8]
        /// The separator characters between the previous group and this one ("" for the first).
        public var separator: String
    }

    public var groups: [Group]
    /// Index of a leading `+` or `(` when present, else the first digit.
    public var start: Int
    public var hasLeadingPlus: Bool
    public var hasParenthesis: Bool
    /// True when a letter or digit touches the run's end (`123abc`): rarely an entity.
    public var touchesWordAfter: Bool

    /// Digits of groups `lo..<hi`.
    public func digits(_ groupRange: Range<Int>) -> [UInt8] {
        groups[groupRange].flatMap(\.digits)
    }

    /// Folded range covering groups `lo..<hi`, including the leading `+`/`(` for the first group.
    public func range(_ groupRange: Range<Int>) -> Range<Int> {
        let lo = groupRange.lowerBound == 0 ? start : groups[groupRange.lowerBound].range.lowerBound
        return lo..<groups[groupRange.upperBound - 1].range.upperBound
    }

    /// Separators inside groups `lo..<hi` (the first group's own separator excluded).
    public func separators(_ groupRange: Range<Int>) -> [String] {
        groups[groupRange].dropFirst().map(\.separator)
    }

    /// Scans `text` for digit runs. Linear: every scalar is visited a bounded number of times.
    public static func scan(_ text: ScannedText) -> [DigitRun] {
        let s = text.folded
        let n = s.count
        var runs: [DigitRun] = []
        var i = 0
        while i < n {
            guard s[i].isASCIIDigit else { i += 1; continue }
            // Digits glued to a letter belong to an identifier ("v2", "A123"), not an entity.
            if i > 0, s[i - 1].isWordScalar {
                while i < n, s[i].isWordScalar { i += 1 }
                continue
            }
            var start = i
            var plus = false
            var paren = false
            if i > 0, s[i - 1] == "(" {
                start = i - 1
                paren = true
                if i > 1, s[i - 2] == "+" { start = i - 2; plus = true }
            } else if i > 0, s[i - 1] == "+" {
                start = i - 1
                plus = true
            }
            var groups: [Group] = []
            var separator = ""
            var j = i
            while j < n {
                let gStart = j
                var digits: [UInt8] = []
                while j < n, s[j].isASCIIDigit {
                    digits.append(UInt8(s[j].value - 48))
                    j += 1
                }
                groups.append(Group(range: gStart..<j, digits: digits, separator: separator))
                // Up to three separator characters (") ", " - ") may join two groups.
                var k = j
                var sep = ""
                while k < n, k - j < 3, isSeparator(s[k]) {
                    sep.unicodeScalars.append(s[k])
                    k += 1
                }
                if !sep.isEmpty, k < n, s[k].isASCIIDigit, groups.count < 64 {
                    if sep.contains("(") { paren = true }
                    separator = sep
                    j = k
                } else {
                    break
                }
            }
            let touches = j < n && s[j].isWordScalar
            runs.append(DigitRun(groups: groups, start: start, hasLeadingPlus: plus,
                                 hasParenthesis: paren, touchesWordAfter: touches))
            i = j
            if touches { while i < n, s[i].isWordScalar { i += 1 } }
        }
        return runs
    }

    @inline(__always) static func isSeparator(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "-" || c == "." || c == "(" || c == ")" || c == "/"
    }

    /// Greedy left-to-right search for windows of at most `maxGroups` consecutive groups
    /// holding a digit count in `digits` that `accept` turns into a finding; the longest
    /// window at each start wins. Windows with the wrong digit count are skipped without
    /// calling `accept`, which keeps long runs (`1 1 1 1 …`) cheap.
    public func windows(maxGroups: Int, digits: ClosedRange<Int>, _ accept: (Range<Int>) -> GuardFinding?) -> [GuardFinding] {
        var prefix = [0]
        prefix.reserveCapacity(groups.count + 1)
        for g in groups { prefix.append(prefix[prefix.count - 1] + g.digits.count) }
        var out: [GuardFinding] = []
        var g = 0
        while g < groups.count {
            var matched = false
            var hi = min(groups.count, g + maxGroups)
            while hi > g {
                let n = prefix[hi] - prefix[g]
                if n < digits.lowerBound { break }
                if n <= digits.upperBound, let f = accept(g..<hi) {
                    out.append(f)
                    g = hi
                    matched = true
                    break
                }
                hi -= 1
            }
            if !matched { g += 1 }
        }
        return out
    }

    /// True when groups look like a calendar date (2024-01-15, 15.01.2024, 1/15/24), the
    /// classic false positive for phone and id detectors.
    public func looksLikeDate(_ r: Range<Int>) -> Bool {
        guard r.count == 3 else { return false }
        let seps = separators(r)
        guard seps[0] == seps[1], ["-", ".", "/"].contains(seps[0]) else { return false }
        let v = groups[r].map { $0.digits.reduce(0) { $0 * 10 + Int($1) } }
        let len = groups[r].map(\.digits.count)
        func day(_ x: Int) -> Bool { (1...31).contains(x) }
        func month(_ x: Int) -> Bool { (1...12).contains(x) }
        if len[0] == 4, len[1] <= 2, len[2] <= 2 { return month(v[1]) && day(v[2]) }
        if len[0] <= 2, len[1] <= 2, len[2] == 4 || len[2] == 2 {
            return (day(v[0]) && month(v[1])) || (month(v[0]) && day(v[1]))
        }
        return false
    }
}
