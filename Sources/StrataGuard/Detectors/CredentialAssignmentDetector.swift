/// Credentials written as assignments or inside URLs, whatever their shape: `password=hunter2`,
/// `"client_secret": "abc123"`, `DB_PASS: s3cret!`, `postgres://app:s3cret@db:5432/prod`.
///
/// Catches the low-entropy passwords the entropy detector cannot, and only reports the value,
/// so redaction keeps the key name readable (`password=[CREDENTIAL_1]`).
public struct CredentialAssignmentDetector: PIIDetector {
    public var kinds: Set<FindingKind> { [.credential] }

    /// Lower-case name fragments that mark a credential; matched at the end of the key name
    /// (`db_password`, `AWS_SECRET_ACCESS_KEY`, `apiKey`).
    static let keySuffixes: [String] = [
        "password", "passwd", "pwd", "pass", "secret", "secretkey", "secret_key", "secret_access_key",
        "apikey", "api_key", "api-key", "token", "access_token", "auth_token", "refresh_token",
        "client_secret", "private_key", "credentials",
    ]
    /// Values that are obviously not real credentials (examples and masks).
    static let placeholders: Set<String> = [
        "", "null", "none", "nil", "true", "false", "undefined", "redacted", "xxx", "xxxx", "xxxxxx",
        "***", "****", "******", "********", "changeit", "<password>", "your_password", "yourpassword",
        "password", "secret", "token", "example", "placeholder", "env", "required",
    ]

    public init() {}

    public func detect(in text: ScannedText) -> [GuardFinding] {
        assignments(text) + urlPasswords(text)
    }

    func assignments(_ text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            guard s[i] == "=" || s[i] == ":" else { i += 1; continue }
            // Key: the identifier just before the operator, optionally quoted.
            var k = i
            if k > 0, s[k - 1] == "\"" || s[k - 1] == "'" { k -= 1 }
            let keyEnd = k
            while k > 0, Self.isKeyScalar(s[k - 1]) { k -= 1 }
            guard keyEnd - k >= 3, keyEnd - k <= 64 else { i += 1; continue }
            let key = String(String.UnicodeScalarView(s[k..<keyEnd].map(\.asciiLowercased)))
            guard Self.keySuffixes.contains(where: { key.hasSuffix($0) }) else { i += 1; continue }
            // Value: after optional spaces and one quote, up to the closing quote or whitespace.
            var v = i + 1
            while v < s.count, s[v] == " " { v += 1 }
            var quote: Unicode.Scalar?
            if v < s.count, s[v] == "\"" || s[v] == "'" { quote = s[v]; v += 1 }
            let valueStart = v
            while v < s.count, v - valueStart < 256 {
                let c = s[v]
                if let quote { if c == quote || c == "\n" { break } } else if c == " " || c == "\n" || c == "," || c == ";" || c == "}" || c == "&" { break }
                v += 1
            }
            var valueEnd = v
            if quote == nil { while valueEnd > valueStart, s[valueEnd - 1] == "." || s[valueEnd - 1] == ")" { valueEnd -= 1 } }
            let value = String(String.UnicodeScalarView(s[valueStart..<valueEnd])).lowercased()
            let looksLikeReference = value.hasPrefix("$") || value.hasPrefix("{{") || value.hasPrefix("<") || value.hasPrefix("[")
                || value.hasPrefix("%") || value.hasPrefix("os.environ") || value.hasPrefix("process.env")
            // Prose ("your password: then press enter") uses a colon and a plain word; real
            // values after a colon are quoted or contain a digit, symbol or capital.
            let raw = s[valueStart..<valueEnd]
            let prose = s[i] == ":" && quote == nil && raw.allSatisfy { $0.isASCIILower }
            if valueEnd - valueStart >= 4, !prose, !Self.placeholders.contains(value), !looksLikeReference,
               !value.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "." }) {
                out.append(text.finding(.credential, valueStart..<valueEnd, confidence: 0.8, detail: "credential assignment"))
            }
            i = max(i + 1, v)
        }
        return out
    }

    /// `scheme://user:password@host`: the password part.
    func urlPasswords(_ text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i + 3 < s.count {
            guard s[i] == ":", s[i + 1] == "/", s[i + 2] == "/" else { i += 1; continue }
            var j = i + 3
            var colon: Int?
            while j < s.count, j - i < 256, s[j] != "@", s[j] != "/", s[j] != " ", s[j] != "\n" {
                if s[j] == ":", colon == nil { colon = j }
                j += 1
            }
            if j < s.count, s[j] == "@", let colon, j - colon > 1 {
                out.append(text.finding(.credential, (colon + 1)..<j, confidence: 0.85, detail: "password in URL"))
            }
            i = j
        }
        return out
    }

    @inline(__always) static func isKeyScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIAlnum || c == "_" || c == "-" || c == "."
    }
}
