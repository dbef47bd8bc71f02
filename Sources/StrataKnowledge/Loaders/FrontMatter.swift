import StrataCore

/// YAML front matter at the very start of a Markdown file (`---` … `---`). Only simple
/// `key: value` lines are read; lists, nested maps and block scalars are skipped, which is
/// enough for the usual title/author/date/tags fields without a YAML parser.
struct FrontMatter: Equatable {
    var fields: [String: JSONValue]
    /// The Markdown after the closing delimiter, leading blank lines removed.
    var body: String

    /// nil when the text does not open with a front matter block that is closed again.
    init?(splitting text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), Self.isDelimiter(first, allowDots: false) else { return nil }
        var fields: [String: JSONValue] = [:]
        while let line = lines.popFirst() {
            if Self.isDelimiter(line, allowDots: true) {
                self.fields = fields
                self.body = String(lines.joined(separator: "\n").drop(while: { $0 == "\n" }))
                return
            }
            if let (key, value) = Self.field(line) { fields[key] = value }
        }
        return nil
    }

    private static func isDelimiter(_ line: Substring, allowDots: Bool) -> Bool {
        let trimmed = line.trimmingTrailingWhitespace()
        return trimmed == "---" || (allowDots && trimmed == "...")
    }

    private static func field(_ line: Substring) -> (String, JSONValue)? {
        guard let first = line.first, first.isLetter || first == "_",
              let colon = line.firstIndex(of: ":")
        else { return nil }
        let key = line[..<colon]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }  // `a:b` is not a key
        var value = rest.trimmingCharacters(in: .whitespaces)
        if let quoted = unquoted(value) { return quoted.isEmpty ? nil : (String(key), .string(quoted)) }
        if let comment = value.range(of: " #") { value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
        guard let head = value.first, !"[{|>&*!~".contains(head), value != "null" else { return nil }
        return (String(key), MetadataScalar.value(value))
    }

    private static func unquoted(_ value: String) -> String? {
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote else { return nil }
        return String(value.dropFirst().dropLast())
    }
}
