/// Why a file could not be turned into documents: which file, which line when known, and
/// what to fix. One error fails the whole file.
public struct LoaderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// 1-based line in the file, when the problem is on a particular line.
    public var line: Int?
    public var message: String

    public init(source: String, line: Int? = nil, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `data/x.csv:12: row has 4 fields, the header has 3`, or `data/x.pdf: no text found`.
    public var description: String {
        if let line { return "\(source):\(line): \(message)" }
        return "\(source): \(message)"
    }
}
