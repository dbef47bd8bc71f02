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
}
