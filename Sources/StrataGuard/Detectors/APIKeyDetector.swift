/// Provider credentials recognisable by their published prefixes: AWS access key ids,
/// OpenAI and Anthropic keys, GitHub tokens, Slack tokens, Stripe keys, Google API keys.
///
/// Table-driven: each rule is a prefix, a body alphabet and a body length range, matched by
/// a single forward scan (no regular expressions, no backtracking).
public struct APIKeyDetector: PIIDetector {
    /// One credential format.
    public struct Rule: Sendable {
        public var prefix: [Unicode.Scalar]
        public var kind: FindingKind
        public var alphabet: Alphabet
        public var bodyLength: ClosedRange<Int>
        /// Real keys of some formats always mix letters and digits; prose after a prefix does not.
        public var needsDigit: Bool
        public var detail: String

        public init(_ prefix: String, _ kind: FindingKind, _ alphabet: Alphabet, _ bodyLength: ClosedRange<Int>,
                    needsDigit: Bool = false, detail: String) {
            self.prefix = Array(prefix.unicodeScalars)
            self.kind = kind
            self.alphabet = alphabet
            self.bodyLength = bodyLength
            self.needsDigit = needsDigit
            self.detail = detail
        }
    }

    /// Characters allowed in a key body.
    public enum Alphabet: Sendable {
        case upperAlnum, alnum, alnumUnderscore, alnumDashUnderscore, alnumDash

        func contains(_ c: Unicode.Scalar) -> Bool {
            switch self {
            case .upperAlnum: c.isASCIIUpper || c.isASCIIDigit
            case .alnum: c.isASCIIAlnum
            case .alnumUnderscore: c.isASCIIAlnum || c == "_"
            case .alnumDashUnderscore: c.isASCIIAlnum || c == "_" || c == "-"
            case .alnumDash: c.isASCIIAlnum || c == "-"
            }
        }
    }

    public static let defaultRules: [Rule] = {
        var rules: [Rule] = []
        for p in ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"] {
            rules.append(Rule(p, .awsAccessKey, .upperAlnum, 16...16, detail: "AWS access key id"))
        }
        // Longer prefixes first so "sk-ant-" is not reported as an OpenAI key.
        rules.append(Rule("sk-ant-", .anthropicKey, .alnumDashUnderscore, 20...200, needsDigit: true, detail: "Anthropic key"))
        for p in ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"] {
            rules.append(Rule(p, .openAIKey, .alnumDashUnderscore, 20...200, needsDigit: true, detail: "OpenAI key"))
        }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
            rules.append(Rule(p, .githubToken, .alnum, 36...36, detail: "GitHub token"))
        }
        rules.append(Rule("github_pat_", .githubToken, .alnumUnderscore, 60...255, detail: "GitHub fine-grained token"))
        for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"] {
            rules.append(Rule(p, .slackToken, .alnumDash, 10...255, needsDigit: true, detail: "Slack token"))
        }
        for p in ["sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_"] {
            rules.append(Rule(p, .stripeKey, .alnum, 16...255, detail: "Stripe key"))
        }
        rules.append(Rule("AIza", .googleAPIKey, .alnumDashUnderscore, 35...35, detail: "Google API key"))
        return rules
    }()

    public let rules: [Rule]
    /// Rules by the first scalar of their prefix, in table order.
    private let rulesByFirst: [Unicode.Scalar: [Rule]]

    public init(rules: [Rule] = APIKeyDetector.defaultRules) {
        self.rules = rules
        var index: [Unicode.Scalar: [Rule]] = [:]
        for rule in rules {
            if let first = rule.prefix.first { index[first, default: []].append(rule) }
        }
        rulesByFirst = index
    }

    public var kinds: Set<FindingKind> { Set(rules.map(\.kind)) }

    public func detect(in text: ScannedText) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            // Keys start a word: test the cheap boundary before the table lookup.
            guard i == 0 || !(s[i - 1].isASCIIAlnum || s[i - 1] == "_" || s[i - 1] == "-"),
                  let candidates = rulesByFirst[s[i]] else { i += 1; continue }
            var matched = false
            for rule in candidates where Self.hasPrefix(s, i, rule.prefix) {
                let bodyStart = i + rule.prefix.count
                var j = bodyStart
                var digit = false
                while j < s.count, rule.alphabet.contains(s[j]), j - bodyStart <= rule.bodyLength.upperBound {
                    if s[j].isASCIIDigit { digit = true }
                    j += 1
                }
                let length = j - bodyStart
                guard rule.bodyLength.contains(length), !rule.needsDigit || digit,
                      j == s.count || !s[j].isASCIIAlnum else { continue }
                out.append(text.finding(rule.kind, i..<j, confidence: 0.95, detail: rule.detail))
                i = j
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return out
    }

    @inline(__always) static func hasPrefix(_ s: [Unicode.Scalar], _ i: Int, _ p: [Unicode.Scalar]) -> Bool {
        guard i + p.count <= s.count else { return false }
        for k in 0..<p.count where s[i + k] != p[k] { return false }
        return true
    }
}
