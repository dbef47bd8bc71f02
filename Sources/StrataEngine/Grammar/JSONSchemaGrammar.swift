/// A JSON Schema compiled for constrained decoding: `start()` gives a `JSONMatcher` that accepts
/// exactly the compact JSON documents (no whitespace between tokens, so a model cannot loop on
/// spaces or newlines) that the schema validates, within the bounds below. Compile once per request
/// or cache by schema text; a compiled grammar is immutable and shared by its matchers.
///
/// Supported: `type` (a name or a list), `properties` (written in declared order; required ones
/// must appear, optional ones may be skipped), `required`, `additionalProperties` (`false` or
/// absent: only the listed properties; `true` or a schema: free-form keys, only when there are no
/// `properties`), `items`, `prefixItems`, `minItems`/`maxItems`, `enum`, `const`, `anyOf`,
/// `oneOf` (as `anyOf`), a one-member `allOf`, `$ref` to `#/…` (recursion allowed),
/// `minLength`/`maxLength`. Annotations (`description`, `title`, `default`, `examples`, `format`, …)
/// are ignored; any other keyword throws `Unsupported`.
///
/// Bounds that make every generation end: at most `maxDepth` nested containers, strings without
/// `maxLength` at most `maxStringLength` characters (free-form keys `maxKeyLength`), numbers at most
/// 20 digits before the exponent and 2 in it. Array and object widths are left to `max_tokens`.
public struct JSONSchemaGrammar: Sendable {
    public static let maxDepth = 32
    public static let maxStringLength = 4096
    public static let maxKeyLength = 256

    let compiled: CompiledGrammar

    /// From the JSON text of a schema. Throws `Unsupported` (naming the keyword and the JSON
    /// pointer where it is) for keywords it cannot enforce, invalid JSON, or a schema no document satisfies.
    public init(schemaJSON: [UInt8]) throws(JSONSchemaGrammar.Unsupported) {
        let schema = try SchemaJSONParser.parse(schemaJSON)
        compiled = try SchemaCompiler.compile(schema)
    }

    private init(compiled: CompiledGrammar) { self.compiled = compiled }

    /// Any JSON object (`response_format: {type: "json_object"}`).
    public static let anyObject = JSONSchemaGrammar(compiled: SchemaCompiler.anyObject())

    /// A matcher at the start of a document.
    public func start() -> JSONMatcher { JSONMatcher(grammar: compiled) }
}
