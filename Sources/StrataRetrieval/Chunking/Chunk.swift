/// A piece of a document sized for the embedder, with where it came from.
public struct Chunk: Sendable, Hashable {
    /// Stable id: a hash of the document id and the span, the same on every run and machine.
    public let id: String
    public let documentID: String
    /// Position of the chunk within its document, from 0.
    public let ordinal: Int
    public let text: String
    /// UTF-8 byte offsets of `text` in the document, for citations and highlighting.
    public let span: Range<Int>
    /// WordPiece tokens in `text` (without `[CLS]`/`[SEP]`).
    public let tokenCount: Int
    /// Markdown headings enclosing the chunk, outermost first.
    public let headings: [String]

    public init(documentID: String, ordinal: Int, text: String, span: Range<Int>, tokenCount: Int, headings: [String]) {
        self.id = Self.id(documentID: documentID, span: span)
        self.documentID = documentID
        self.ordinal = ordinal
        self.text = text
        self.span = span
        self.tokenCount = tokenCount
        self.headings = headings
    }

    /// 64-bit FNV-1a of "documentID NUL start-end" as 16 hex digits. Swift's `Hasher` is seeded
    /// per process, so it cannot give ids that survive a restart.
    public static func id(documentID: String, span: Range<Int>) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in documentID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ 0) &* 0x0000_0100_0000_01B3
        for byte in "\(span.lowerBound)-\(span.upperBound)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
