/// An insertion-ordered string-keyed dictionary, like a Python dict.
struct TemplateDict {
    var keys: [String] = []
    var values: [String: TemplateValue] = [:]

    subscript(key: String) -> TemplateValue {
        get { values[key] ?? .undefined }
        set {
            if values[key] == nil { keys.append(key) }
            values[key] = newValue
        }
    }
}
