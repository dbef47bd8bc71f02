import StrataCore

/// The rules shared by JSON and JSON Lines for turning one object into a document.
/// With a string `text`, `content` or `body` field (checked in that order) that field is the
/// text; otherwise the text is the whole object flattened to `key: value` lines (nested keys
/// dotted). Top-level scalars other than the text field are metadata; `title` and `id`
/// also fill the document's title and id.
enum JSONRecordDocument {
    static let textFields = ["text", "content", "body"]

    static func make(
        members: [OrderedJSON.Member], source: String, fallbackID: String, format: DocumentFormat
    ) -> LoadedDocument {
        let textField = textFields.first { name in
            if case .string? = members.last(where: { $0.key == name })?.value { return true }
            return false
        }
        var metadata: [String: JSONValue] = [:]
        for member in members where member.value.isScalar && member.key != textField {
            metadata[member.key] = member.value.jsonValue
        }
        let text: String
        if let textField, case .string(let value)? = members.last(where: { $0.key == textField })?.value {
            text = value
        } else {
            var lines: [String] = []
            flatten(.object(members), path: "", into: &lines)
            text = lines.joined(separator: "\n")
        }
        let scalar = { (key: String) -> String? in
            members.last(where: { $0.key == key })?.value.scalarText.flatMap(DocumentTitle.clipped)
        }
        let id = members.last(where: { $0.key == "id" })?.value.scalarText
            .flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return LoadedDocument(
            id: id ?? fallbackID, source: source, title: scalar("title"), text: text,
            metadata: metadata, format: format
        )
    }

    /// Empty strings, nulls and empty containers give no line; an array of scalars is one
    /// line (`tags: a, b`), other arrays are indexed from 0 (`items.0.name: …`).
    static func flatten(_ value: OrderedJSON, path: String, into lines: inout [String]) {
        let child = { (key: String) in path.isEmpty ? key : "\(path).\(key)" }
        switch value {
        case .object(let members):
            for member in members { flatten(member.value, path: child(member.key), into: &lines) }
        case .array(let items) where items.allSatisfy(\.isScalar):
            let texts = items.compactMap(\.scalarText).filter { !$0.isEmpty }
            if !texts.isEmpty { lines.append("\(path): \(texts.joined(separator: ", "))") }
        case .array(let items):
            for (offset, item) in items.enumerated() { flatten(item, path: child(String(offset)), into: &lines) }
        case .null, .bool, .number, .string:
            if let text = value.scalarText, !text.isEmpty { lines.append("\(path): \(text)") }
        }
    }
}
