/// JSON Web Tokens: three base64url segments joined by dots whose header decodes to a JSON
/// object (it always starts `eyJ`, the encoding of `{"`).
public struct JWTDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.jwt] }

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i + 3 < s.count {
            guard s[i] == "e", s[i + 1] == "y", s[i + 2] == "J",
                  i == 0 || !Self.isBase64URL(s[i - 1]) else { i += 1; continue }
            var j = i
            var segments: [Range<Int>] = []
            while segments.count < 3 {
                let start = j
                while j < s.count, Self.isBase64URL(s[j]) { j += 1 }
                segments.append(start..<j)
                guard segments.count < 3, j < s.count, s[j] == "." else { break }
                j += 1
            }
            guard segments.count == 3, segments[0].count >= 10, segments[1].count >= 4,
                  j == s.count || !s[j].isASCIIAlnum else { i += 1; continue }
            let header = Base64Text.decode(s[segments[0]], urlSafe: true)
            let isJSONHeader = header.map { $0.contains("\"alg\"") || $0.contains("\"typ\"") } ?? false
            out.append(text.finding(.jwt, i..<j, confidence: isJSONHeader ? 0.95 : 0.7, detail: "JWT"))
            i = j
        }
        return out
    }

    @inline(__always) static func isBase64URL(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIAlnum || c == "-" || c == "_"
    }
}
