/// Splits text into words before BPE, implementing by hand the regular expressions that
/// Hugging Face tokenizers use (NSRegularExpression with \p classes is slow and not on every
/// platform). Unicode classes follow the scalar's general category.
public enum PreTokenizer: Sendable, Equatable {
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    case gpt2
    /// Every digit on its own first, then GPT-2's expression (SmolLM, StarCoder).
    case gpt2IndividualDigits
    /// Llama 3: case-insensitive contractions, `[^\r\n\p{L}\p{N}]?\p{L}+`, numbers in groups of up to
    /// three, punctuation runs with trailing newlines, newline runs.
    case llama3
    /// Qwen2: like Llama 3 with single digits.
    case qwen2

    /// The pre-tokenizer for a `tokenizer.ggml.pre` value.
    public init(ggmlName: String?) {
        switch ggmlName {
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva": self = .gpt2IndividualDigits
        case "llama3", "llama-bpe", "falcon3", "pixtral", "tekken", "dbrx", "smaug-bpe": self = .llama3
        case "qwen2", "deepseek-r1-qwen", "stablelm2", "hunyuan", "megrez": self = .qwen2
        default: self = .gpt2
        }
    }

    enum Class { case letter, number, space, other }

    @inline(__always)
    static func classify(_ s: Unicode.Scalar) -> Class {
        if s.value < 128 {
            let v = s.value
            if (v >= 65 && v <= 90) || (v >= 97 && v <= 122) { return .letter }
            if v >= 48 && v <= 57 { return .number }
            if v == 32 || (v >= 9 && v <= 13) { return .space }
            return .other
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: return s.properties.isWhitespace ? .space : .other
        }
    }

    /// The words of `text`, in order; concatenated they give back `text`.
    public func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let classes = scalars.map(Self.classify)
        var pieces: [Range<Int>] = []
        switch self {
        case .gpt2:
            splitGPT2(classes, scalars, 0 ..< scalars.count, into: &pieces)
        case .gpt2IndividualDigits:
            var start = 0
            for i in 0 ..< scalars.count where classes[i] == .number {
                if start < i { splitGPT2(classes, scalars, start ..< i, into: &pieces) }
                pieces.append(i ..< i + 1)
                start = i + 1
            }
            if start < scalars.count { splitGPT2(classes, scalars, start ..< scalars.count, into: &pieces) }
        case .llama3:
            splitLlama3(classes, scalars, maxDigits: 3, into: &pieces)
        case .qwen2:
            splitLlama3(classes, scalars, maxDigits: 1, into: &pieces)
        }
        return pieces.map { r in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[r])
            return String(v)
        }
    }

    private static let contractions: [[Unicode.Scalar]] = [["s"], ["t"], ["r", "e"], ["v", "e"], ["m"], ["l", "l"], ["d"]]

    /// Length of a contraction (`'s`, `'ll`, …) at `i`, or 0.
    private func contraction(_ s: [Unicode.Scalar], _ i: Int, _ end: Int, caseInsensitive: Bool) -> Int {
        guard s[i] == "'" else { return 0 }
        for c in Self.contractions where i + c.count < end {
            var ok = true
            for (k, ch) in c.enumerated() {
                var x = s[i + 1 + k]
                if caseInsensitive, x.value >= 65, x.value <= 90 { x = Unicode.Scalar(x.value + 32)! }
                if x != ch { ok = false; break }
            }
            if ok { return c.count + 1 }
        }
        return 0
    }

    /// Whitespace handling shared by both expressions: `\s+(?!\S)` then `\s+`.
    private func whitespaceEnd(_ cls: [Class], _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end && cls[j] == .space { j += 1 }
        if j == end || j - i == 1 { return j }
        return j - 1 // leave one space to prefix the next word
    }

    private func splitGPT2(_ cls: [Class], _ s: [Unicode.Scalar], _ range: Range<Int>, into out: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = contraction(s, i, end, caseInsensitive: false)
            if c > 0 { out.append(i ..< i + c); i += c; continue }
            var j = i
            if s[i] == " ", i + 1 < end, cls[i + 1] != .space { j = i + 1 }
            let k = cls[j]
            if k != .space {
                var e = j + 1
                while e < end && cls[e] == k { e += 1 }
                out.append(i ..< e)
                i = e
                continue
            }
            let e = whitespaceEnd(cls, i, end)
            out.append(i ..< e)
            i = e
        }
    }

    private func isNewline(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }

    private func splitLlama3(_ cls: [Class], _ s: [Unicode.Scalar], maxDigits: Int, into out: inout [Range<Int>]) {
        var i = 0
        let end = s.count
        while i < end {
            let c = contraction(s, i, end, caseInsensitive: true)
            if c > 0 { out.append(i ..< i + c); i += c; continue }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if cls[i] == .letter || (cls[i] != .number && !isNewline(s[i]) && i + 1 < end && cls[i + 1] == .letter) {
                var e = i + 1
                while e < end && cls[e] == .letter { e += 1 }
                out.append(i ..< e); i = e; continue
            }
            // \p{N}{1,maxDigits}
            if cls[i] == .number {
                var e = i + 1
                while e < end && e - i < maxDigits && cls[e] == .number { e += 1 }
                out.append(i ..< e); i = e; continue
            }
            // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
            var j = i
            if s[i] == " ", i + 1 < end, cls[i + 1] == .other { j = i + 1 }
            if cls[j] == .other {
                var e = j + 1
                while e < end && cls[e] == .other { e += 1 }
                while e < end && isNewline(s[e]) { e += 1 }
                out.append(i ..< e); i = e; continue
            }
            // \s*[\r\n]+ : through the last newline of the whitespace run
            var runEnd = i
            var lastNewline = -1
            while runEnd < end && cls[runEnd] == .space {
                if isNewline(s[runEnd]) { lastNewline = runEnd }
                runEnd += 1
            }
            if lastNewline >= 0 {
                out.append(i ..< lastNewline + 1); i = lastNewline + 1; continue
            }
            let e = whitespaceEnd(cls, i, end)
            out.append(i ..< e)
            i = e
        }
    }
}
