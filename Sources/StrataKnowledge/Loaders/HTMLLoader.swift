import Foundation
import StrataCore

/// HTML: one document with the visible text (headings as Markdown), titled by `<title>` or
/// else the first `<h1>`; `<meta name="description">` becomes metadata.
enum HTMLLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let page = HTMLTextExtractor(html: try SourceText.decode(data, source: source))
        var metadata: [String: JSONValue] = [:]
        if let description = page.description { metadata["description"] = .string(description) }
        return [LoadedDocument(id: source, source: source, title: page.title, text: page.text, metadata: metadata, format: .html)]
    }
}
