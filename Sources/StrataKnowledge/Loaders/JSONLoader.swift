import Foundation

/// A JSON file: a top-level object is one document, a top-level array of objects one
/// document per item (`source#item-N`, 1-based, unless the item has an `id`).
enum JSONLoader {
    static func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        let text = try SourceText.decode(data, source: source)
        let value: OrderedJSON
        do {
            value = try OrderedJSONParser.parse(text)
        } catch {
            throw LoaderError(source: source, line: error.line, message: "invalid JSON: \(error.message)")
        }
        switch value {
        case .object(let members):
            return [JSONRecordDocument.make(members: members, source: source, fallbackID: source, format: .json)]
        case .array(let items):
            var documents: [LoadedDocument] = []
            for (offset, item) in items.enumerated() {
                guard case .object(let members) = item else {
                    throw LoaderError(source: source, message: "item \(offset + 1) is \(item.kindDescription), expected an object")
                }
                documents.append(JSONRecordDocument.make(
                    members: members, source: source, fallbackID: "\(source)#item-\(offset + 1)", format: .json
                ))
            }
            return documents
        case .null, .bool, .number, .string:
            throw LoaderError(source: source, message: "expected an object or an array of objects, found \(value.kindDescription)")
        }
    }
}
