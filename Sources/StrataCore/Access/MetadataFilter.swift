import Foundation

/// A filter on document metadata, written as in MongoDB and most vector databases:
/// `{"year": {"$gte": 2023}, "team": "search", "$or": [{"lang": "en"}, {"lang": {"$exists": false}}]}`.
///
/// Operators: `$eq $ne $gt $gte $lt $lte $in $nin $exists`, combined with `$and`/`$or`; a bare
/// value means `$eq`, several fields in one object mean all of them. Fields name scalar values;
/// dots reach into nested objects (`author.name`). Comparisons only hold between values of the
/// same type (numbers with numbers, strings with strings, byte-wise); `$ne` and `$nin` also
/// match a missing field. The same filter runs in memory (`matches`) and in SQL (`SQLPredicate`).
public indirect enum MetadataFilter: Sendable, Hashable {
    case all([MetadataFilter])
    case any([MetadataFilter])
    case not(MetadataFilter)
    case compare(field: [String], op: Comparison, value: JSONValue)
    case exists(field: [String])

    public enum Comparison: String, Sendable, Hashable {
        case eq, gt, gte, lt, lte
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let maxDepth = 8
    static let maxTerms = 256

    /// Parses a filter; the error says which part is wrong.
    public init(json: JSONValue) throws(ParseError) {
        var terms = 0
        self = try Self.parse(json, depth: 0, terms: &terms)
    }

    private static func parse(_ json: JSONValue, depth: Int, terms: inout Int) throws(ParseError) -> MetadataFilter {
        guard depth < maxDepth else { throw ParseError(message: "filter nests deeper than \(maxDepth) levels") }
        guard case .object(let object) = json else { throw ParseError(message: "a filter is a JSON object, e.g. {\"year\": {\"$gte\": 2023}}") }
        var parts: [MetadataFilter] = []
        for key in object.keys.sorted() {
            let value = object[key] ?? .null
            switch key {
            case "$and", "$or":
                guard case .array(let items) = value, !items.isEmpty else {
                    throw ParseError(message: "\(key) takes a non-empty array of filters")
                }
                var inner: [MetadataFilter] = []
                for item in items { inner.append(try parse(item, depth: depth + 1, terms: &terms)) }
                parts.append(key == "$and" ? .all(inner) : .any(inner))
            default:
                guard !key.hasPrefix("$") else { throw ParseError(message: "unknown operator \(key) at the top of a filter") }
                let field = try fieldPath(key)
                parts.append(try condition(on: field, key: key, value, terms: &terms))
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private static func fieldPath(_ key: String) throws(ParseError) -> [String] {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-"))
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard key.count <= 128, !parts.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { allowed.contains($0) && $0.isASCII } })
        else { throw ParseError(message: "field name \"\(key.prefix(64))\" must be letters, digits, _ or -, dot-separated") }
        return parts
    }

    private static func condition(on field: [String], key: String, _ value: JSONValue,
                                  terms: inout Int) throws(ParseError) -> MetadataFilter {
        terms += 1
        guard terms <= maxTerms else { throw ParseError(message: "filter has more than \(maxTerms) conditions") }
        guard case .object(let ops) = value else { return .compare(field: field, op: .eq, value: try scalar(value, key)) }
        guard !ops.isEmpty else { throw ParseError(message: "\(key): empty operator object") }
        var parts: [MetadataFilter] = []
        for op in ops.keys.sorted() {
            let operand = ops[op] ?? .null
            switch op {
            case "$eq": parts.append(.compare(field: field, op: .eq, value: try scalar(operand, key)))
            case "$ne": parts.append(.not(.compare(field: field, op: .eq, value: try scalar(operand, key))))
            case "$gt", "$gte", "$lt", "$lte":
                let bound = try scalar(operand, key)
                switch bound {
                case .number, .string: break
                default: throw ParseError(message: "\(key): \(op) takes a number or a string")
                }
                let comparison: Comparison = op == "$gt" ? .gt : op == "$gte" ? .gte : op == "$lt" ? .lt : .lte
                parts.append(.compare(field: field, op: comparison, value: bound))
            case "$in", "$nin":
                guard case .array(let items) = operand, !items.isEmpty, items.count <= maxTerms else {
                    throw ParseError(message: "\(key): \(op) takes a non-empty array of at most \(maxTerms) values")
                }
                terms += items.count
                guard terms <= maxTerms else { throw ParseError(message: "filter has more than \(maxTerms) conditions") }
                var options: [MetadataFilter] = []
                for item in items { options.append(.compare(field: field, op: .eq, value: try scalar(item, key))) }
                parts.append(op == "$in" ? .any(options) : .not(.any(options)))
            case "$exists":
                guard case .bool(let flag) = operand else { throw ParseError(message: "\(key): $exists takes true or false") }
                parts.append(flag ? .exists(field: field) : .not(.exists(field: field)))
            default:
                throw ParseError(message: "\(key): unknown operator \(op) (use $eq $ne $gt $gte $lt $lte $in $nin $exists)")
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private static func scalar(_ value: JSONValue, _ key: String) throws(ParseError) -> JSONValue {
        switch value {
        case .array, .object: throw ParseError(message: "\(key): compare with a string, number, boolean or null")
        default: return value
        }
    }

    // MARK: Evaluation

    /// Whether a document's metadata passes.
    public func matches(_ metadata: [String: JSONValue]) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.matches(metadata) }
        case .any(let parts): return parts.contains { $0.matches(metadata) }
        case .not(let inner): return !inner.matches(metadata)
        case .exists(let field): return Self.lookup(field, in: metadata) != nil
        case .compare(let field, let op, let bound):
            guard let actual = Self.lookup(field, in: metadata) else { return false }
            return Self.compare(actual, op, bound)
        }
    }

    static func lookup(_ path: [String], in metadata: [String: JSONValue]) -> JSONValue? {
        var current: JSONValue = .object(metadata)
        for part in path {
            guard case .object(let object) = current, let next = object[part] else { return nil }
            current = next
        }
        return current
    }

    static func compare(_ actual: JSONValue, _ op: Comparison, _ bound: JSONValue) -> Bool {
        switch (actual, bound) {
        case (.number(let a), .number(let b)):
            switch op {
            case .eq: return a == b
            case .gt: return a > b
            case .gte: return a >= b
            case .lt: return a < b
            case .lte: return a <= b
            }
        case (.string(let a), .string(let b)):
            // Byte order, as SQLite's default BINARY collation compares.
            let less = a.utf8.lexicographicallyPrecedes(b.utf8), greater = b.utf8.lexicographicallyPrecedes(a.utf8)
            switch op {
            case .eq: return !less && !greater
            case .gt: return greater
            case .gte: return !less
            case .lt: return less
            case .lte: return !greater
            }
        case (.bool(let a), .bool(let b)): return op == .eq && a == b
        case (.null, .null): return op == .eq
        default: return false
        }
    }
}
