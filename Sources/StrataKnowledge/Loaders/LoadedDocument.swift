import StrataCore

/// One document read from a file, ready to be chunked and embedded. Row-wise formats
/// (JSON arrays, JSON Lines, CSV) give one per record.
public struct LoadedDocument: Sendable, Hashable {
    /// Stable across re-ingestion: the source for single-document files, `source#row-N`,
    /// `source#line-N` or `source#item-N` for records, or the record's own `id`.
    public var id: String
    /// The path or URI the document was loaded from, as given.
    public var source: String
    public var title: String?
    /// What gets chunked and embedded; Markdown structure (headings, lists) is kept.
    public var text: String
    public var metadata: [String: JSONValue]
    public var format: DocumentFormat

    public init(
        id: String, source: String, title: String?, text: String,
        metadata: [String: JSONValue] = [:], format: DocumentFormat
    ) {
        self.id = id
        self.source = source
        self.title = title
        self.text = text
        self.metadata = metadata
        self.format = format
    }
}
