/// One piece of HTML as `HTMLTokenizer` sees it. Text is raw (entities not yet decoded);
/// tag and attribute names are lowercased, attribute values decoded.
enum HTMLToken: Equatable {
    case text(String)
    case startTag(name: String, attributes: [String: String], selfClosing: Bool)
    case endTag(name: String)
    case comment
    case doctype
}
