import StrataCore

extension JSONValue {
    /// A scalar as a person would write it in text (`42`, not `42.0`); nil, arrays and
    /// objects as compact JSON.
    var displayText: String {
        switch self {
        case .string(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .null, .array, .object: return jsonString()
        }
    }
}
