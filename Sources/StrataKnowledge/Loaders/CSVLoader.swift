import Foundation
import StrataCore

/// CSV with a header row: one document per data row (`source#row-N`, N counting data rows
/// from 1, unless an `id` column has a value). The text is `column: value` lines for the
/// non-empty cells; every column is metadata, typed by `MetadataScalar`.
enum CSVLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let text = try SourceText.decode(data, source: source)
        let records: [CSVParser.Record]
        do {
            records = try CSVParser.parse(text)
        } catch {
            throw LoaderError(source: source, line: error.line, message: error.message)
        }
        guard let header = records.first else { return [] }
        let columns = columnNames(header.fields)
        let idColumn = columns.firstIndex { $0.lowercased() == "id" }
        let titleColumn = columns.firstIndex { $0.lowercased() == "title" }
        var documents: [LoadedDocument] = []
        for (offset, record) in records.dropFirst().enumerated() {
            guard record.fields.count == columns.count else {
                throw LoaderError(
                    source: source, line: record.line,
                    message: "row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(columns.count)"
                )
            }
            let values = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var lines: [String] = []
            var metadata: [String: JSONValue] = [:]
            for (column, value) in zip(columns, values) {
                if !value.isEmpty { lines.append("\(column): \(value)") }
                metadata[column] = MetadataScalar.value(value)
            }
            let id = idColumn.map { values[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            documents.append(LoadedDocument(
                id: id ?? "\(source)#row-\(offset + 1)", source: source,
                title: titleColumn.flatMap { DocumentTitle.clipped(values[$0]) },
                text: lines.joined(separator: "\n"), metadata: metadata, format: .csv
            ))
        }
        return documents
    }

    /// Header cells trimmed; empty ones become `column_N` and repeated ones `name_N` (N the
    /// 1-based column), so no column overwrites another in the metadata.
    static func columnNames(_ header: [String]) -> [String] {
        var seen: Set<String> = []
        return header.enumerated().map { offset, raw in
            var name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty || seen.contains(name) { name = name.isEmpty ? "column_\(offset + 1)" : "\(name)_\(offset + 1)" }
            seen.insert(name)
            return name
        }
    }
}
