/// A JSON schema (or JSON mode) as a sampling constraint: generation follows the grammar
/// byte by byte, so the output always parses and validates (unless `max_tokens` cuts it).
extension JSONSchemaGrammar: TokenConstraintSource {
    public func makeConstraint() -> any TokenConstraint { JSONSchemaConstraint(matcher: start()) }
}

struct JSONSchemaConstraint: TokenConstraint {
    var matcher: JSONMatcher

    func allows(_ bytes: [UInt8]) -> Bool { matcher.allows(bytes) }
    mutating func advance(_ bytes: [UInt8]) { matcher.advance(bytes) }
    var isComplete: Bool { matcher.isComplete }
    var mustStop: Bool { matcher.mustStop }
}
