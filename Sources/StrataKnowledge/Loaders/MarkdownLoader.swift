import Foundation

/// Markdown: one document, text kept as Markdown because the chunker splits on its headings.
/// Front matter becomes metadata; the title is front matter `title:`, else the first `# `
/// heading outside code fences, else the first line.
enum MarkdownLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let text = try SourceText.decode(data, source: source)
        var document = LoadedDocument(id: source, source: source, title: nil, text: text, format: .markdown)
        if let frontMatter = FrontMatter(splitting: text) {
            document.text = frontMatter.body
            document.metadata = frontMatter.fields
        }
        if case .string(let title)? = document.metadata["title"] {
            document.title = title
        } else if case let value? = document.metadata["title"], let title = DocumentTitle.clipped(value.displayText) {
            document.title = title
        } else {
            document.title = firstHeading(in: document.text) ?? DocumentTitle.firstLine(of: document.text)
        }
        return [document]
    }

    /// The first level-1 ATX heading, skipping fenced code (a `# comment` in a shell block
    /// is not a title).
    static func firstHeading(in text: String) -> String? {
        var fence: (marker: Character, length: Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            guard indent <= 3 else { continue }
            let content = line.dropFirst(indent)
            if let marker = content.first, marker == "`" || marker == "~" {
                let length = content.prefix(while: { $0 == marker }).count
                if length >= 3 {
                    if let open = fence {
                        if open.marker == marker, length >= open.length,
                           content.dropFirst(length).allSatisfy(\.isWhitespace) { fence = nil }
                    } else {
                        fence = (marker, length)
                    }
                    continue
                }
            }
            guard fence == nil, content.hasPrefix("#") else { continue }
            let afterHash = content.dropFirst()
            guard afterHash.isEmpty || afterHash.first == " " || afterHash.first == "\t" else { continue }
            if let title = DocumentTitle.clipped(String(strippingClosingHashes(afterHash))) { return title }
        }
        return nil
    }

    /// `# Title ##` → `Title`; a `#` glued to a word (`C#`) stays.
    private static func strippingClosingHashes(_ heading: Substring) -> Substring {
        let trimmed = heading.trimmingTrailingWhitespace()
        let withoutHashes = trimmed.reversed().drop(while: { $0 == "#" })
        guard withoutHashes.count < trimmed.count else { return trimmed }
        if withoutHashes.isEmpty { return "" }
        guard withoutHashes.first == " " || withoutHashes.first == "\t" else { return trimmed }
        return trimmed.prefix(withoutHashes.count)
    }
}
