import StrataCore

/// A parsed JSON value that keeps object members in file order and numbers as written, so
/// flattened record text reads like the source. `JSONValue` (unordered) is used for metadata.
enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double, literal: String)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    struct Member: Sendable, Equatable {
        var key: String
        var value: OrderedJSON
    }

    var isScalar: Bool {
        switch self {
        case .null, .bool, .number, .string: return true
        case .array, .object: return false
        }
    }

    /// For error messages: "a string", "an array".
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Scalars as text: strings unquoted, numbers as written; nil for null, arrays, objects.
    var scalarText: String? {
        switch self {
        case .string(let value): return value
        case .number(_, let literal): return literal
        case .bool(let value): return value ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value, _): return .number(value)
        case .string(let value): return .string(value)
        case .array(let items): return .array(items.map(\.jsonValue))
        case .object(let members):
            return .object(Dictionary(members.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
