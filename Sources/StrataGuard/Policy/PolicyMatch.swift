/// Conditions under which a scoped policy applies; empty matches every request.
public struct PolicyMatch: Sendable, Hashable, Codable {
    public var tenant: String?
    public var key: String?
    public var route: String?
    public var model: String?

    public init(tenant: String? = nil, key: String? = nil, route: String? = nil, model: String? = nil) {
        self.tenant = tenant
        self.key = key
        self.route = route
        self.model = model
    }

    public func matches(_ context: PolicyContext) -> Bool {
        (tenant == nil || tenant == context.tenant) && (key == nil || key == context.key)
            && (route == nil || route == context.route) && (model == nil || model == context.model)
    }

    /// How many conditions it names; a key is more specific than a tenant, so it weighs more.
    public var specificity: Int {
        (key != nil ? 8 : 0) + (tenant != nil ? 4 : 0) + (route != nil ? 2 : 0) + (model != nil ? 1 : 0)
    }
}
