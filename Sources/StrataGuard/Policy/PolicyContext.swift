/// Who is asking and for what: the facts a policy is selected by.
public struct PolicyContext: Sendable, Hashable {
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
}
