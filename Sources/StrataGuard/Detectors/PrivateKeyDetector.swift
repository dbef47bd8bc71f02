/// PEM-armoured private keys (`-----BEGIN … PRIVATE KEY-----` through the matching END
/// line). A block whose END line is missing is still reported, to the end of the text:
/// half a key is still a leaked key.
public struct PrivateKeyDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.privateKey] }

    static let begin = Array("-----BEGIN ".unicodeScalars)
    static let end = Array("-----END ".unicodeScalars)
    static let dashes = Array("-----".unicodeScalars)
    static let privateKey = Array("PRIVATE KEY".unicodeScalars)

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while let b = Self.find(Self.begin, in: s, from: i) {
            // Header line: "-----BEGIN <label>-----"; the label must mention PRIVATE KEY.
            guard let headerEnd = Self.find(Self.dashes, in: s, from: b + Self.begin.count),
                  headerEnd - b < 80,
                  Self.find(Self.privateKey, in: s, from: b, before: headerEnd) != nil else {
                i = b + Self.begin.count
                continue
            }
            var stop = s.count
            if let e = Self.find(Self.end, in: s, from: headerEnd + 5),
               let close = Self.find(Self.dashes, in: s, from: e + Self.end.count) {
                stop = close + Self.dashes.count
            }
            out.append(text.finding(.privateKey, b..<stop, confidence: 0.99, detail: "PEM private key"))
            i = stop
        }
        return out
    }

    /// Index of `needle` in `s` at or after `from` (and starting before `before`), or nil.
    static func find(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int, before: Int? = nil) -> Int? {
        let limit = min(before ?? s.count, s.count - needle.count + 1)
        guard let first = needle.first, from < limit else { return nil }
        var i = max(0, from)
        while i < limit {
            if s[i] == first, APIKeyDetector.hasPrefix(s, i, needle) { return i }
            i += 1
        }
        return nil
    }
}
