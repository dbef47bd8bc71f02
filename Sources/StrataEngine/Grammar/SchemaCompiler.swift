/// Turns a parsed JSON Schema into grammar nodes. Each `$ref` target is compiled once into a node
/// reserved on first use, so recursive schemas compile to cycles of indices.
struct SchemaCompiler {
    typealias Unsupported = JSONSchemaGrammar.Unsupported

    /// Keywords that describe but do not constrain; ignored (as are `x-…` extensions).
    static let annotations: Set<String> = [
        "description", "title", "default", "examples", "example", "$schema", "$id", "$comment", "$anchor",
        "format", "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
        "discriminator", "nullable", "$defs", "definitions",
    ]
    static let supported: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems",
        "maxItems", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "minLength", "maxLength",
    ]
    static let objectKeywords = ["properties", "required", "additionalProperties"]
    static let arrayKeywords = ["items", "prefixItems", "minItems", "maxItems"]
    static let stringKeywords = ["minLength", "maxLength"]
    static let typeNames = ["object", "array", "string", "number", "integer", "boolean", "null"]
    /// Bounds the work a hostile schema can cause.
    static let maxNodes = 50_000
    static let maxNesting = 128

    let document: SchemaJSON
    var tables = GrammarTables()
    var refNodes: [String: Int32] = [:]
    var anyNode: Int32 = -1
    /// Referenced schemas not compiled yet: (reserved node, schema, its JSON pointer).
    var pendingRefs: [(node: Int32, schema: SchemaJSON, pointer: String)] = []
    /// `enum`/`const` nodes that other keywords of the same schema must filter: (literal node, schema without them).
    private var pendingFilters: [(literal: Int32, base: Int32)] = []
    private var nesting = 0

    private init(document: SchemaJSON) {
        self.document = document
        tables.strings.append(.init(minLength: 0, maxLength: Int32(JSONSchemaGrammar.maxKeyLength)))
        tables.keyBounds = 0
    }

    static func compile(_ schema: SchemaJSON) throws(Unsupported) -> CompiledGrammar {
        var c = SchemaCompiler(document: schema)
        let start = try c.refTarget(.string("#"), at: "")
        while let ref = c.pendingRefs.popLast() {
            c.tables.nodes[Int(ref.node)] = try c.node(for: ref.schema, at: ref.pointer)
        }
        let linked = c.tables.link([start] + c.pendingFilters.map(\.base))
        c.applyFilters(bases: Array(linked.dropFirst()))
        let maxDepth = Int32(JSONSchemaGrammar.maxDepth)
        guard c.tables.minDepth[Int(linked[0])] <= maxDepth else {
            throw Unsupported(keyword: "", path: "", message: "The schema admits no JSON document within \(maxDepth) levels of nesting.")
        }
        return CompiledGrammar(tables: c.tables, root: linked[0], maxDepth: maxDepth)
    }

    /// Any JSON object: free-form keys and values.
    static func anyObject() -> CompiledGrammar {
        var c = SchemaCompiler(document: .null)
        let start = c.tables.add(.map(value: c.anyValue()))
        let linked = c.tables.link([start])
        return CompiledGrammar(tables: c.tables, root: linked[0], maxDepth: Int32(JSONSchemaGrammar.maxDepth))
    }

    // MARK: Schemas

    mutating func compile(_ schema: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32 {
        let node = try node(for: schema, at: pointer)
        if case .alias(let target) = node { return target }
        return tables.add(node)
    }

    mutating func node(for schema: SchemaJSON, at pointer: String) throws(Unsupported) -> GrammarNode {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting < Self.maxNesting, tables.nodes.count < Self.maxNodes else {
            throw Unsupported(keyword: "", path: pointer, message: "The schema is too large or too deeply nested.")
        }
        let members: [SchemaJSON.Member]
        switch schema {
        case .bool(true): return .alias(anyValue())
        case .bool(false): return .never
        case .object(let m): members = m
        default: throw Unsupported(keyword: "", path: pointer, message: "A schema must be an object or a boolean, not \(schema.typeName).")
        }
        var constraints: [String] = []
        for m in members where !Self.annotations.contains(m.key) && !m.key.hasPrefix("x-") {
            guard Self.supported.contains(m.key) else { throw Self.unsupported(m.key, at: pointer) }
            constraints.append(m.key)
        }
        if let ref = schema["$ref"] {
            try Self.alone("$ref", constraints, at: pointer)
            return .alias(try refTarget(ref, at: pointer + "/$ref"))
        }
        if let all = schema["allOf"] {
            try Self.alone("allOf", constraints, at: pointer)
            guard case .array(let list) = all, list.count == 1 else {
                throw Unsupported(keyword: "allOf", path: pointer + "/allOf", message: "Only an allOf with exactly one schema is supported.")
            }
            return .alias(try compile(list[0], at: pointer + "/allOf/0"))
        }
        for keyword in ["anyOf", "oneOf"] {
            guard let alternatives = schema[keyword] else { continue }
            try Self.alone(keyword, constraints, at: pointer)
            guard case .array(let list) = alternatives, !list.isEmpty else {
                throw Unsupported(keyword: keyword, path: pointer + "/" + keyword, message: "\(keyword) must be a non-empty array of schemas.")
            }
            var nodes: [Int32] = []
            for (i, s) in list.enumerated() { nodes.append(try compile(s, at: "\(pointer)/\(keyword)/\(i)")) }
            return tables.union(nodes)
        }
        if schema["enum"] != nil || schema["const"] != nil {
            let literal = tables.addLiterals(try literalValues(schema, at: pointer))
            if constraints.contains(where: { $0 != "enum" && $0 != "const" }) {
                let rest = SchemaJSON.object(members.filter { $0.key != "enum" && $0.key != "const" })
                pendingFilters.append((literal, try compile(rest, at: pointer)))
            }
            return .alias(literal)
        }
        return try typedNode(schema, constraints, at: pointer)
    }

    /// The value types the schema allows, each compiled with the keywords that apply to it.
    private mutating func typedNode(_ schema: SchemaJSON, _ constraints: [String], at pointer: String) throws(Unsupported) -> GrammarNode {
        var types: [String] = []
        switch schema["type"] {
        case .string(let t)?:
            types = [t]
        case .array(let list)?:
            for item in list {
                guard case .string(let t) = item else { throw Self.invalid("type", at: pointer, "must be a type name or a list of them") }
                types.append(t)
            }
            guard !types.isEmpty else { throw Self.invalid("type", at: pointer, "must not be an empty list") }
        case nil:
            // No `type`: the keywords present say which types are meant; none means any value.
            if constraints.contains(where: Self.objectKeywords.contains) { types.append("object") }
            if constraints.contains(where: Self.arrayKeywords.contains) { types.append("array") }
            if constraints.contains(where: Self.stringKeywords.contains) { types.append("string") }
            if types.isEmpty { return .alias(anyValue()) }
        default:
            throw Self.invalid("type", at: pointer, "must be a type name or a list of them")
        }
        if let unknown = types.first(where: { !Self.typeNames.contains($0) }) {
            throw Self.invalid("type", at: pointer, "'\(unknown)' is not a JSON Schema type")
        }
        var nodes: [Int32] = []
        for t in Self.typeNames where types.contains(t) {
            switch t {
            case "object": nodes.append(try objectNode(schema, at: pointer))
            case "array": nodes.append(try arrayNode(schema, at: pointer))
            case "string": nodes.append(try stringNode(schema, at: pointer))
            case "number": nodes.append(tables.add(.number(integerOnly: false)))
            case "integer" where !types.contains("number"): nodes.append(tables.add(.number(integerOnly: true)))
            case "boolean": nodes.append(tables.addLiterals([Array("false".utf8), Array("true".utf8)]))
            case "null": nodes.append(tables.addLiterals([Array("null".utf8)]))
            default: break
            }
        }
        return nodes.count == 1 ? .alias(nodes[0]) : tables.union(nodes)
    }

    private mutating func objectNode(_ schema: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32 {
        var keys: [String] = []
        var values: [Int32] = []
        if let properties = schema["properties"] {
            guard case .object(let list) = properties else { throw Self.invalid("properties", at: pointer, "must be an object") }
            for m in list where !keys.contains(m.key) {
                values.append(try compile(m.value, at: pointer + "/properties/" + Self.escape(m.key)))
                keys.append(m.key)
            }
        }
        var required: [String] = []
        if let names = schema["required"] {
            guard case .array(let list) = names else { throw Self.invalid("required", at: pointer, "must be an array of names") }
            for item in list {
                guard case .string(let name) = item else { throw Self.invalid("required", at: pointer, "must be an array of names") }
                guard keys.contains(name) else {
                    throw Self.invalid("required", at: pointer, "'\(name)' is required but not listed in properties")
                }
                required.append(name)
            }
        }
        let additional = schema["additionalProperties"]
        switch additional {
        case nil, .bool?, .object?: break
        default: throw Self.invalid("additionalProperties", at: pointer, "must be a boolean or a schema")
        }
        if keys.isEmpty && additional != .bool(false) {
            // A free-form object (JSON mode, `additionalProperties: true` or a schema for every value).
            let value: Int32
            switch additional {
            case .object?: value = try compile(additional ?? .bool(true), at: pointer + "/additionalProperties")
            default: value = anyValue()
            }
            return tables.add(.map(value: value))
        }
        // Listed properties only: extra ones are never generated, even where the schema allows them.
        let names = keys.map { key in
            var encoded: [UInt8] = []
            SchemaJSON.encodeString(key, into: &encoded)
            return encoded
        }
        return tables.addObject(names: names, values: values, required: keys.map(required.contains))
    }

    private mutating func arrayNode(_ schema: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32 {
        var prefix: [Int32] = []
        if let list = schema["prefixItems"] {
            guard case .array(let schemas) = list else { throw Self.invalid("prefixItems", at: pointer, "must be an array of schemas") }
            for (i, s) in schemas.enumerated() { prefix.append(try compile(s, at: "\(pointer)/prefixItems/\(i)")) }
        }
        var items: Int32
        switch schema["items"] {
        case nil, .bool(true)?:
            items = anyValue()
        case .bool(false)?:
            items = -1
        case .array(let schemas)?:
            // The older tuple form: the same as prefixItems.
            guard schema["prefixItems"] == nil else { throw Self.invalid("items", at: pointer, "cannot be a list next to prefixItems") }
            for (i, s) in schemas.enumerated() { prefix.append(try compile(s, at: "\(pointer)/items/\(i)")) }
            items = anyValue()
        case .object?:
            items = try compile(schema["items"] ?? .bool(true), at: pointer + "/items")
        default:
            throw Self.invalid("items", at: pointer, "must be a schema")
        }
        let minItems = try Self.count("minItems", of: schema, at: pointer) ?? 0
        let maxItems = try Self.count("maxItems", of: schema, at: pointer) ?? Int32.max
        return tables.addArray(prefix: prefix, items: items, minItems: minItems, maxItems: maxItems)
    }

    private mutating func stringNode(_ schema: SchemaJSON, at pointer: String) throws(Unsupported) -> Int32 {
        let minLength = try Self.count("minLength", of: schema, at: pointer) ?? 0
        let maxLength = try Self.count("maxLength", of: schema, at: pointer)
            ?? max(minLength, Int32(JSONSchemaGrammar.maxStringLength))
        return tables.addString(minLength: minLength, maxLength: maxLength)
    }

    // MARK: Literals

    /// The encodings of the `enum` values (or the `const`, or both: the `enum` values equal to it).
    private func literalValues(_ schema: SchemaJSON, at pointer: String) throws(Unsupported) -> [[UInt8]] {
        var values: [SchemaJSON] = []
        if let e = schema["enum"] {
            guard case .array(let list) = e else { throw Self.invalid("enum", at: pointer, "must be an array") }
            values = list
        }
        if let c = schema["const"] { values = schema["enum"] == nil ? [c] : values.filter { $0 == c } }
        return values.map(\.compactEncoding)
    }

    /// Drops `enum`/`const` values that the rest of their schema rejects (`type`, lengths, …).
    private mutating func applyFilters(bases: [Int32]) {
        var changed = !bases.isEmpty
        var rounds = 0
        while changed && rounds < 4 {
            changed = false
            rounds += 1
            for (filter, base) in zip(pendingFilters, bases) {
                guard case .literals(let span) = tables.nodes[Int(filter.literal)] else { continue }
                let grammar = CompiledGrammar(tables: tables, root: base, maxDepth: Int32(JSONSchemaGrammar.maxDepth))
                let list = tables.encodings.strings(in: span)
                let kept = list.filter { encoding in
                    var matcher = JSONMatcher(grammar: grammar)
                    guard matcher.allows(encoding) else { return false }
                    matcher.advance(encoding)
                    return matcher.isComplete
                }
                if kept.count != list.count {
                    tables.nodes[Int(filter.literal)] = .literals(tables.literalList(kept))
                    changed = true
                }
            }
            if changed { tables.analyze() }
        }
    }
}
