import Foundation

/// Plain text (`.txt`, `.log`): the whole file is one document titled by its first line.
enum PlainTextLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let text = try SourceText.decode(data, source: source)
        return [LoadedDocument(id: source, source: source, title: DocumentTitle.firstLine(of: text), text: text, format: .text)]
    }
}
