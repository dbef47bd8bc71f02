/// The file formats the knowledge layer can turn into documents; picked from a file's
/// extension or an HTTP content type.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, markdown, html, json, jsonl, csv, pdf

    /// Every extension `init(pathExtension:)` accepts, in a stable order (used in error messages).
    public static let pathExtensions: [String] = [
        "txt", "text", "log", "md", "markdown", "html", "htm", "json", "jsonl", "ndjson", "csv", "pdf",
    ]

    /// `pathExtension` with or without the leading dot, any case.
    public init?(pathExtension: String) {
        var ext = pathExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        switch ext {
        case "txt", "text", "log": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "csv": self = .csv
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// A MIME type such as `text/html; charset=utf-8` (parameters are ignored).
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mediaType {
        case "text/plain": self = .text
        case "text/markdown", "text/x-markdown": self = .markdown
        case "text/html", "application/xhtml+xml": self = .html
        case "application/json": self = .json
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines": self = .jsonl
        case "text/csv", "application/csv": self = .csv
        case "application/pdf": self = .pdf
        default: return nil
        }
    }
}
