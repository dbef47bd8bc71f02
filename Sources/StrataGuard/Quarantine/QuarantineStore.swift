/// Holds untrusted content (retrieved chunks, tool results, quarantined-model outputs) out of
/// the privileged model's sight: the planner only ever sees references such as `$Q1`, the real
/// text is substituted when a vetted tool call runs or the answer is rendered for the user.
///
/// The dual-LLM pattern: what untrusted text says can then never become an instruction to the
/// model that chooses actions, and every reference carries where its data came from, so a
/// `DataFlowPolicy` can refuse to send it somewhere it must not go.
public struct QuarantineStore: Sendable, Codable, Equatable {
    /// One quarantined value and its provenance.
    public struct Entry: Sendable, Codable, Equatable {
        public var value: String
        /// Where it came from: a document id, a URL, a tool name.
        public var source: String
    }

    private var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }

    /// Stores `value` and returns the reference the privileged model sees (`$Q1`, `$Q2`, ...).
    public mutating func quarantine(_ value: String, source: String) -> String {
        entries.append(Entry(value: value, source: source))
        return "$Q\(entries.count)"
    }

    public func entry(for reference: String) -> Entry? {
        guard reference.hasPrefix("$Q"), let n = Int(reference.dropFirst(2)), n >= 1, n <= entries.count else { return nil }
        return entries[n - 1]
    }

    /// The references in `text` that name stored values, in order of appearance.
    public func references(in text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var out: [String] = []
        var i = 0
        while i + 2 < s.count {
            guard s[i] == "$", s[i + 1] == "Q", s[i + 2].isASCIIDigit, i == 0 || !s[i - 1].isASCIIAlnum else { i += 1; continue }
            var j = i + 2
            while j < s.count, s[j].isASCIIDigit { j += 1 }
            guard j == s.count || !s[j].isASCIIAlnum else { i = j; continue }
            let reference = String(String.UnicodeScalarView(s[i..<j]))
            if entry(for: reference) != nil { out.append(reference) }
            i = j
        }
        return out
    }

    /// Sources of every value `text` refers to.
    public func sources(in text: String) -> Set<String> {
        Set(references(in: text).compactMap { entry(for: $0)?.source })
    }

    /// `text` with every reference replaced by its value; only call this on the way out of
    /// the privileged context (tool execution after a policy check, the final answer).
    public func render(_ text: String) -> String {
        let refs = references(in: text)
        guard !refs.isEmpty else { return text }
        var out = text
        // Longest first so `$Q12` is not replaced as `$Q1` followed by "2".
        for ref in Set(refs).sorted(by: { $0.count > $1.count }) {
            if let value = entry(for: ref)?.value { out = Self.replacingWholeReference(ref, in: out, with: value) }
        }
        return out
    }

    static func replacingWholeReference(_ ref: String, in text: String, with value: String) -> String {
        let s = Array(text.unicodeScalars)
        let r = Array(ref.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if i + r.count <= s.count, Array(s[i..<(i + r.count)]) == r,
               i + r.count == s.count || !s[i + r.count].isASCIIAlnum {
                out.append(contentsOf: value.unicodeScalars)
                i += r.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }
}
