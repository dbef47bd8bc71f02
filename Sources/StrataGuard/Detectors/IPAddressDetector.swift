/// IPv4 dotted quads and IPv6 addresses (full, `::`-compressed, IPv4-mapped).
///
/// Version strings are the usual trap: `1.2.3.4` after "version"/"v", or with a fifth
/// component (`1.2.3.4.5`), or glued to a letter (`v1.2.3.4`), is not an address.
public struct IPAddressDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.ipAddress] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            guard c.isASCIIHexDigit || c == ":" else { i += 1; continue }
            if i > 0, s[i - 1].isWordScalar || s[i - 1] == "." || s[i - 1] == ":" || s[i - 1] == "_" {
                i += 1
                continue
            }
            if let end = ipv6End(s, i) {
                let loopback = end - i <= 3  // "::1", "::"
                out.append(text.finding(.ipAddress, i..<end, confidence: loopback ? 0.3 : 0.85, detail: "IPv6"))
                i = end
            } else if c.isASCIIDigit, let end = Self.ipv4End(s, i) {
                let words = text.wordsBefore(i, window: 16)
                if !ContextWords.any(words, in: ContextWords.versionLike, last: 1) {
                    // Unspecified, loopback and broadcast addresses identify no one.
                    let value = text.foldedText(i..<end)
                    let special = value.hasPrefix("0.") || value.hasPrefix("127.") || value == "255.255.255.255"
                    out.append(text.finding(.ipAddress, i..<end, confidence: special ? 0.3 : 0.8, detail: "IPv4"))
                }
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// End index of a dotted quad starting at `i`, or nil.
    static func ipv4End(_ s: [Unicode.Scalar], _ i: Int, requireBoundary: Bool = true) -> Int? {
        var j = i
        for part in 0..<4 {
            let start = j
            var value = 0
            while j < s.count, s[j].isASCIIDigit, j - start < 3 {
                value = value * 10 + s[j].digitValue
                j += 1
            }
            let len = j - start
            guard len > 0, value <= 255, len == 1 || s[start] != "0" else { return nil }
            if part < 3 {
                guard j < s.count, s[j] == "." else { return nil }
                j += 1
            }
        }
        if requireBoundary, j < s.count {
            if s[j].isWordScalar { return nil }
            // A fifth component makes it a version or an OID, not an address.
            if s[j] == ".", j + 1 < s.count, s[j + 1].isASCIIDigit { return nil }
        }
        return j
    }

    /// End index of an IPv6 address starting at `i`, or nil.
    func ipv6End(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        var groups = 0
        var compressed = false
        var colons = 0
        var end = i
        var sawEmbeddedV4 = false
        if j + 1 < s.count, s[j] == ":", s[j + 1] == ":" { compressed = true; j += 2; colons = 2; end = j }
        while j < s.count, groups <= 8 {
            // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
            if groups > 0 || compressed, s[j].isASCIIDigit, let v4 = Self.ipv4End(s, j) {
                groups += 2
                end = v4
                j = v4
                sawEmbeddedV4 = true
                break
            }
            let start = j
            while j < s.count, s[j].isASCIIHexDigit, j - start < 5 { j += 1 }
            let len = j - start
            guard len > 0, len <= 4 else { break }
            groups += 1
            end = j
            guard j < s.count, s[j] == ":" else { break }
            if j + 1 < s.count, s[j + 1] == ":" {
                guard !compressed else { return nil }
                compressed = true
                colons += 2
                j += 2
                end = j
            } else {
                colons += 1
                guard j + 1 < s.count, s[j + 1].isASCIIHexDigit else { break }
                j += 1
            }
        }
        if end < s.count, s[end].isWordScalar { return nil }
        guard colons >= 2, groups <= 8 else { return nil }
        if compressed {
            guard groups < 8, groups >= 1 || sawEmbeddedV4 else { return nil }
            // "a::b" in prose (C++ scope, Ruby) is too ambiguous without more hex in it.
            if groups <= 2, !sawEmbeddedV4, end - i < 5, !(s[i] == ":" && s[end - 1] == "1") { return nil }
        } else {
            guard groups == 8 else { return nil }
        }
        return end
    }
}
