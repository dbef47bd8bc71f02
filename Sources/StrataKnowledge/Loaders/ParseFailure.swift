/// A syntax error found by one of the format parsers, before it is tied to a source file.
struct ParseFailure: Error, Sendable, Equatable {
    /// 1-based line within the text that was parsed.
    var line: Int
    var message: String
}
