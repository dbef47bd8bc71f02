/// What a limit or budget is counted against: an API key, a tenant, a model, a route.
public struct LimitScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The dimension a scope counts along.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case key, tenant, model, route, user
    }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public static func key(_ id: String) -> LimitScope { LimitScope(.key, id) }
    public static func tenant(_ id: String) -> LimitScope { LimitScope(.tenant, id) }
    public static func model(_ id: String) -> LimitScope { LimitScope(.model, id) }
    public static func route(_ id: String) -> LimitScope { LimitScope(.route, id) }
    public static func user(_ id: String) -> LimitScope { LimitScope(.user, id) }

    public var description: String { "\(kind.rawValue):\(id)" }

    /// Parses `"tenant:acme"`; nil for an unknown kind or a missing id.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(kind, id)
    }

    enum CodingKeys: String, CodingKey { case kind, id }

    /// Accepts the compact `"tenant:acme"` form used in configuration files as well as `{kind, id}`.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let scope = LimitScope(parsing: text) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription:
                    "expected <kind>:<id> with kind one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            self = scope
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(Kind.self, forKey: .kind), try c.decode(String.self, forKey: .id))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
