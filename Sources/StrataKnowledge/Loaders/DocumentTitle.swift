/// How titles are derived when a format has no explicit one: the first non-empty line,
/// whitespace collapsed, clipped so a one-line file does not produce a huge title.
enum DocumentTitle {
    static let maxLength = 120

    static func firstLine(of text: String) -> String? {
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            if let title = clipped(String(rest[..<end])) { return title }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return nil
    }

    /// Whitespace runs become one space, then at most `maxLength` characters; nil when
    /// nothing is left.
    static func clipped(_ raw: String) -> String? {
        collapsed(raw).map { String($0.prefix(maxLength)) }
    }

    /// Whitespace runs become one space, ends trimmed; nil when nothing is left.
    static func collapsed(_ raw: String) -> String? {
        let words = raw.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
