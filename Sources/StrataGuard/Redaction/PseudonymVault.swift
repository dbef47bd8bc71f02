import Crypto

/// Reversible pseudonyms for one conversation: each distinct value gets a numbered
/// placeholder per kind (`[EMAIL_1]`, `[EMAIL_2]`, `[PHONE_1]`), the provider only ever
/// sees placeholders, and `restore` puts the real values back into the response.
///
/// A value type owned by the request (or persisted per conversation by the caller), so no
/// placeholder can leak between tenants.
public struct PseudonymVault: Sendable, Codable, Equatable {
    private var placeholderByValue: [String: String] = [:]
    private var valueByPlaceholder: [String: String] = [:]
    private var counters: [String: Int] = [:]
    /// Placeholders minted by one-way redaction: numbered in the same sequence (so they never
    /// collide with reversible ones) but keyed by a digest and never restored.
    private var irreversible: Set<String> = []

    public init() {}

    public var isEmpty: Bool { valueByPlaceholder.isEmpty }
    public var count: Int { valueByPlaceholder.count }

    /// The placeholder for `value`, minting the next number for its kind on first sight.
    /// With `reversible: false` the value itself is not kept (only its SHA-256, so repeats
    /// still share a number) and `restore` leaves the placeholder in place.
    public mutating func placeholder(for value: String, kind: FindingKind, reversible: Bool = true) -> String {
        let key = kind.rawValue + "\u{0}" + (reversible ? value : "sha256:" + AuditHasher.hex(Array(SHA256.hash(data: Array(value.utf8)))))
        if let existing = placeholderByValue[key] { return existing }
        let label = kind.placeholderLabel
        let n = (counters[label] ?? 0) + 1
        counters[label] = n
        let placeholder = "[\(label)_\(n)]"
        placeholderByValue[key] = placeholder
        if reversible {
            valueByPlaceholder[placeholder] = value
        } else {
            irreversible.insert(placeholder)
        }
        return placeholder
    }

    /// Placeholders minted so far, reversible or not.
    public var placeholderCount: Int { placeholderByValue.count }

    public func value(for placeholder: String) -> String? {
        valueByPlaceholder[placeholder]
    }

    /// Replaces every known placeholder in `text` with its original value; unknown
    /// bracketed text is left alone.
    public func restore(_ text: String) -> String {
        guard !valueByPlaceholder.isEmpty, text.unicodeScalars.contains("[") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "[", let end = Self.placeholderEnd(s, i) {
                var candidate = String.UnicodeScalarView()
                candidate.append(contentsOf: s[i..<end])
                if let value = valueByPlaceholder[String(candidate)] {
                    out.append(contentsOf: value.unicodeScalars)
                    i = end
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    /// If `s[i...]` starts with a syntactically complete placeholder `[LABEL_N]`, its end.
    static func placeholderEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        switch placeholderPrefixState(s, i) {
        case .complete(let end): end
        default: nil
        }
    }

    enum PrefixState { case no, partial, complete(Int) }

    /// Whether `s[i...]` is a complete placeholder, could still become one if more text
    /// arrived (used by the streaming restorer), or cannot.
    static func placeholderPrefixState(_ s: [Unicode.Scalar], _ i: Int) -> PrefixState {
        guard i < s.count, s[i] == "[" else { return .no }
        var j = i + 1
        var sawLabel = false
        var sawDigits = false
        var sawUnderscoreAfterLabel = false
        while j < s.count, j - i <= 40 {
            let c = s[j]
            if c == "]" {
                return sawDigits ? .complete(j + 1) : .no
            } else if c.isASCIIDigit, sawUnderscoreAfterLabel {
                sawDigits = true
            } else if c == "_", sawLabel, !sawDigits {
                sawUnderscoreAfterLabel = true
            } else if c.isASCIIUpper, !sawDigits {
                sawLabel = true
                sawUnderscoreAfterLabel = false
            } else {
                return .no
            }
            j += 1
        }
        return j - i > 40 ? .no : .partial
    }
}
