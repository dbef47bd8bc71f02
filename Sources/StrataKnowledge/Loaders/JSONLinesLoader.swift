import Foundation

/// JSON Lines / NDJSON: one object per non-empty line, each a document (`source#line-N`
/// unless it has an `id`). A bad line fails the file and names the line.
enum JSONLinesLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let text = try SourceText.decode(data, source: source)
        var documents: [LoadedDocument] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let lineNumber = offset + 1
            let value: OrderedJSON
            do {
                value = try OrderedJSONParser.parse(String(line))
            } catch {
                throw LoaderError(source: source, line: lineNumber, message: "invalid JSON: \(error.message)")
            }
            guard case .object(let members) = value else {
                throw LoaderError(source: source, line: lineNumber, message: "expected an object, found \(value.kindDescription)")
            }
            documents.append(JSONRecordDocument.make(
                members: members, source: source, fallbackID: "\(source)#line-\(lineNumber)", format: .jsonl
            ))
        }
        return documents
    }
}
