/// A text folded and tokenised once, shared by every guard of a pipeline run so a prompt is
/// not re-folded and re-tokenised per guard.
public struct PreparedText: Sendable {
    public let string: String
    public let scanned: ScannedText
    /// Word tokens; nil when no guard of the run needs them.
    public let tokens: [WordToken]?

    public init(_ string: String, tokenize: Bool = true) {
        self.string = string
        scanned = ScannedText(string)
        tokens = tokenize ? WordTokenizer.tokens(scanned) : nil
    }

    /// The tokens, computed now if the preparation skipped them.
    public var words: [WordToken] { tokens ?? WordTokenizer.tokens(scanned) }
}
