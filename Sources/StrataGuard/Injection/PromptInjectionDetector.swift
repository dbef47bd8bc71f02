/// Scores text for prompt injection and jailbreak attempts with phrase rules, chat-template
/// markers, hidden text (Unicode tag characters, zero-width and bidi controls) and encoded
/// payloads (base64 blocks whose decoded text carries instructions).
///
/// A heuristic first line, cheap enough to run on every prompt and every retrieved chunk;
/// untrusted content gets extra rules and lower thresholds because it should never instruct.
public struct PromptInjectionDetector: PreparedTextGuard {
    public let name: String
    public var inputThresholds: InjectionThresholds
    public var untrustedThresholds: InjectionThresholds
    private let common: PhraseMatcher
    private let untrustedOnly: PhraseMatcher
    /// Role markers by first scalar, so finding them is one pass over the text.
    private let markers: [Unicode.Scalar: [[Unicode.Scalar]]]
    /// ASCII first characters of the markers, so most characters skip the dictionary lookup.
    private let markerStarts: [Bool]

    public init(name: String = "prompt_injection",
                inputThresholds: InjectionThresholds = .input,
                untrustedThresholds: InjectionThresholds = .untrusted,
                extraRules: [PhraseRule] = []) {
        self.name = name
        self.inputThresholds = inputThresholds
        self.untrustedThresholds = untrustedThresholds
        common = PhraseMatcher(InjectionRules.common + InjectionRules.multilingual + extraRules)
        untrustedOnly = PhraseMatcher(InjectionRules.untrusted)
        var markers: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for m in InjectionRules.roleMarkers {
            let scalars = Array(m.unicodeScalars)
            if let first = scalars.first { markers[first, default: []].append(scalars) }
        }
        self.markers = markers
        var starts = [Bool](repeating: false, count: 128)
        for first in markers.keys where first.value < 128 { starts[Int(first.value)] = true }
        markerStarts = starts
    }

    public func check(_ text: String, direction: GuardDirection) -> GuardVerdict {
        guard direction != .output else { return .allow }
        return check(PreparedText(text), direction: direction)
    }

    public func check(_ text: PreparedText, direction: GuardDirection) -> GuardVerdict {
        guard direction != .output else { return .allow }
        let thresholds = direction == .untrusted ? untrustedThresholds : inputThresholds
        let assessment = assess(text.scanned, direction: direction, depth: 0, tokens: text.words)
        guard assessment.score >= thresholds.flag else { return .allow }
        var findings = assessment.findings
        findings.append(GuardFinding(kind: .promptInjection, span: nil, confidence: assessment.score, detail: "score"))
        if assessment.score >= thresholds.block {
            let rules = Set(assessment.findings.map(\.detail)).sorted().joined(separator: ", ")
            return .block(reason: "possible prompt injection (\(rules))", findings: findings)
        }
        return .flag(findings: findings)
    }

    public func assess(_ text: String, direction: GuardDirection) -> InjectionAssessment {
        assess(ScannedText(text), direction: direction, depth: 0)
    }

    func assess(_ text: ScannedText, direction: GuardDirection, depth: Int, tokens: [WordToken]? = nil) -> InjectionAssessment {
        var findings: [GuardFinding] = []
        findings += hiddenText(text, direction: direction, depth: depth)
        let tokens = tokens ?? WordTokenizer.tokens(text)
        let words = tokens.map(\.text)
        var matches = common.matches(words)
        if direction == .untrusted { matches += untrustedOnly.matches(words) }
        for (rule, r) in matches {
            let range = tokens[r.lowerBound].range.lowerBound..<tokens[r.upperBound - 1].range.upperBound
            findings.append(text.finding(.promptInjection, range, confidence: rule.weight, detail: rule.id))
        }
        // Jailbreak personas are often compounds ("JailbrokenGPT", "jailbreakmode").
        if let t = tokens.first(where: { $0.text.count > 10 && ($0.text.contains("jailbr") || $0.text.hasSuffix("anythingnow")) }) {
            findings.append(text.finding(.promptInjection, t.range, confidence: 0.4, detail: "persona-jailbreak-name"))
        }
        findings += roleMarkers(text, direction: direction)
        if depth == 0 { findings += encodedPayloads(text, direction: direction) }
        return InjectionAssessment(score: Self.combine(findings), findings: findings)
    }

    /// Independent-evidence combination, counting each rule once at its strongest hit, so
    /// repeating one phrase many times does not push a text over the line by itself.
    static func combine(_ findings: [GuardFinding]) -> Double {
        var strongest: [String: Double] = [:]
        for f in findings { strongest[f.detail] = max(strongest[f.detail] ?? 0, f.confidence) }
        return 1 - strongest.values.reduce(1) { $0 * (1 - $1) }
    }

    func hiddenText(_ text: ScannedText, direction: GuardDirection, depth: Int) -> [GuardFinding] {
        var out: [GuardFinding] = []
        var hidden: [Unicode.Scalar] = []
        var zeroWidth = 0, bidi = 0
        var first: Int?
        var last = 0
        for (i, c) in text.original.enumerated() where c.value >= 0x200B {
            switch c.value {
            case 0xE0020...0xE007E:
                if let ascii = Unicode.Scalar(c.value - 0xE0000) { hidden.append(ascii) }
                if first == nil { first = i }
                last = i + 1
            case 0x200B...0x200D, 0x2060, 0xFEFF: zeroWidth += 1
            case 0x202A...0x202E, 0x2066...0x2069: bidi += 1
            default: break
            }
        }
        if hidden.count >= 2, let first {
            let span = TextSpan(start: first, end: last)
            out.append(GuardFinding(kind: .invisibleText, span: span, confidence: 0.7, text: "", detail: "hidden-tag-text"))
            if depth == 0 {
                let inner = assess(ScannedText(scalars: hidden), direction: direction, depth: depth + 1)
                out += inner.findings.map { f in
                    var g = f
                    g.span = span
                    g.text = ""
                    return g
                }
            }
        }
        if zeroWidth >= 3 {
            out.append(GuardFinding(kind: .invisibleText, span: nil, confidence: 0.25, detail: "zero-width-characters"))
        }
        if bidi > 0 {
            out.append(GuardFinding(kind: .invisibleText, span: nil, confidence: 0.3, detail: "bidi-controls"))
        }
        return out
    }

    func roleMarkers(_ text: ScannedText, direction: GuardDirection) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var seen: Set<[Unicode.Scalar]> = []
        for i in s.indices {
            let c = s[i].asciiLowercased
            guard c.value < 128, markerStarts[Int(c.value)], let candidates = markers[c] else { continue }
            for marker in candidates where !seen.contains(marker) && i + marker.count <= s.count {
                var k = 0
                while k < marker.count, s[i + k].asciiLowercased == marker[k] { k += 1 }
                guard k == marker.count else { continue }
                seen.insert(marker)
                let weak = marker.first == "\n" || marker.first == "#"
                let weight = weak ? (direction == .untrusted ? 0.45 : 0.3) : 0.6
                out.append(text.finding(.promptInjection, i..<(i + marker.count), confidence: weight, detail: "role-marker"))
            }
        }
        return out
    }

    /// Base64 blocks long enough to hide a sentence: decoded, and scored like plain text.
    func encodedPayloads(_ text: ScannedText, direction: GuardDirection) -> [GuardFinding] {
        let s = text.folded
        var out: [GuardFinding] = []
        var i = 0
        while i < s.count {
            guard Self.isBase64(s[i]) else { i += 1; continue }
            let start = i
            while i < s.count, Self.isBase64(s[i]) || (s[i] == "\n" && i + 1 < s.count && Self.isBase64(s[i + 1])) { i += 1 }
            guard i - start >= 24 else { continue }
            let block = s[start..<i]
            guard let bytes = Base64Text.decodeBytes(block) ?? Base64Text.decodeBytes(block, urlSafe: true),
                  bytes.count >= 12 else { continue }
            let printable = bytes.filter { ($0 >= 32 && $0 < 127) || $0 == 10 || $0 == 9 }.count
            guard Double(printable) >= Double(bytes.count) * 0.9 else { continue }
            let decoded = String(decoding: bytes, as: UTF8.self)
            let inner = assess(ScannedText(decoded), direction: direction, depth: 1)
            if inner.score >= 0.3 {
                out.append(text.finding(.promptInjection, start..<i, confidence: max(0.75, inner.score), detail: "encoded-instructions"))
            } else {
                out.append(text.finding(.promptInjection, start..<i, confidence: direction == .untrusted ? 0.3 : 0.15, detail: "encoded-text"))
            }
        }
        return out
    }

    @inline(__always) static func isBase64(_ c: Unicode.Scalar) -> Bool {
        c.isASCIIAlnum || c == "+" || c == "/" || c == "=" || c == "-" || c == "_"
    }
}
