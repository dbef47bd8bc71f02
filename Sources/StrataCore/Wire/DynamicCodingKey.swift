/// A coding key built at run time, for objects whose keys are not all known in advance.
public struct DynamicCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(_ string: String) { self.stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension KeyedDecodingContainer where Key == DynamicCodingKey {
    /// Every key not in `known`, decoded as JSON, so a gateway can pass fields it does not model.
    public func unknownFields(excluding known: Set<String>) throws -> [String: JSONValue] {
        var extra: [String: JSONValue] = [:]
        for key in allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try decode(JSONValue.self, forKey: key)
        }
        return extra
    }
}

extension KeyedEncodingContainer where Key == DynamicCodingKey {
    public mutating func encodeFields(_ fields: [String: JSONValue]) throws {
        for (key, value) in fields {
            try encode(value, forKey: DynamicCodingKey(key))
        }
    }
}
