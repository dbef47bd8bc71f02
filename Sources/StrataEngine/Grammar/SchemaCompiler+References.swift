/// `$ref` resolution, the shared "any value" node and the error helpers of `SchemaCompiler`.
extension SchemaCompiler {
    /// The node of the schema a `$ref` points to: reserved on first use and compiled later, from
    /// `pendingRefs`, so recursion and long chains of references never deepen the call stack.
    mutating func refTarget(_ ref: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32 {
        guard case .string(let text) = ref else { throw Unsupported(keyword: "$ref", path: pointer, message: "'$ref' must be a string.") }
        guard text.first == "#" else {
            throw Unsupported(keyword: "$ref", path: pointer, message: "Only references inside the schema (#/$defs/…) are supported, not '\(text)'.")
        }
        let fragment = Self.percentDecoded(String(text.dropFirst()))
        if let node = refNodes[fragment] { return node }
        guard let target = Self.resolve(fragment, in: document) else {
            throw Unsupported(keyword: "$ref", path: pointer, message: "'\(text)' does not point to a schema in this document.")
        }
        let slot = tables.add(.never)
        refNodes[fragment] = slot
        pendingRefs.append((slot, target, fragment))
        return slot
    }

    /// Any JSON value (built once): free-form objects and arrays of any values, strings, numbers,
    /// `true`, `false` and `null`.
    mutating func anyValue() -> Int32 {
        if anyNode >= 0 { return anyNode }
        anyNode = tables.add(.never)
        let object = tables.add(.map(value: anyNode))
        let array = tables.addArray(prefix: [], items: anyNode, minItems: 0, maxItems: .max)
        let string = tables.addString(minLength: 0, maxLength: Int32(JSONSchemaGrammar.maxStringLength))
        let number = tables.add(.number(integerOnly: false))
        let scalars = tables.addLiterals(["false", "null", "true"].map { Array($0.utf8) })
        tables.nodes[Int(anyNode)] = tables.union([object, array, string, number, scalars])
        return anyNode
    }

    // MARK: JSON pointers

    /// The value at a JSON pointer (`""` is the whole document).
    static func resolve(_ pointer: String, in document: SchemaJSON) -> SchemaJSON? {
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var value = document
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let name = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
            switch value {
            case .object:
                guard let next = value[name] else { return nil }
                value = next
            case .array(let items):
                guard let i = Int(name), items.indices.contains(i) else { return nil }
                value = items[i]
            default:
                return nil
            }
        }
        return value
    }

    /// A key as one token of a JSON pointer.
    static func escape(_ key: String) -> String {
        key.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// Undoes `%XX` escapes of a URI fragment.
    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Keyword values and errors

    /// A non-negative integer keyword (`minItems`, `maxLength`, …), nil when absent.
    static func count(_ keyword: String, of schema: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32? {
        guard let value = schema[keyword] else { return nil }
        guard case .number(let text) = value, let v = Double(text), v >= 0, v == v.rounded(.down) else {
            throw invalid(keyword, at: pointer, "must be a non-negative integer")
        }
        return Int32(min(v, Double(1 << 30)))
    }

    /// Throws when a keyword that must stand alone (`$ref`, `anyOf`, …) has constraining neighbours.
    static func alone(_ keyword: String, _ constraints: [String], at pointer: String) throws(Unsupported) {
        guard let other = constraints.first(where: { $0 != keyword }) else { return }
        throw Unsupported(
            keyword: other, path: pointer + "/" + escape(other),
            message: "'\(other)' next to '\(keyword)' is not supported; move it into the \(keyword == "$ref" ? "referenced schema" : "alternatives")."
        )
    }

    static func invalid(_ keyword: String, at pointer: String, _ problem: String) -> Unsupported {
        Unsupported(keyword: keyword, path: pointer + "/" + escape(keyword), message: "'\(keyword)' \(problem).")
    }

    static func unsupported(_ keyword: String, at pointer: String) -> Unsupported {
        let why: String
        switch keyword {
        case "pattern", "patternProperties", "propertyNames":
            why = "regular expressions are not supported in constrained decoding"
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
            why = "numeric bounds are not supported in constrained decoding"
        default:
            why = "this keyword is not supported in constrained decoding"
        }
        return Unsupported(keyword: keyword, path: pointer + "/" + escape(keyword), message: "'\(keyword)': \(why).")
    }
}
