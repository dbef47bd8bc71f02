/// What a key may do beyond calling models. The master key is `admin`.
public enum Role: String, Codable, Sendable, Hashable, CaseIterable {
    /// Everything, including creating admin keys and changing prices.
    case admin
    /// Manages non-admin keys and knowledge collections; reads every trace and the operations views.
    case developer
    /// Reads traces, deployments, prices, the audit log and the console; changes nothing.
    case viewer
    /// Calls models and reads its own traces only (the default for new keys).
    case app

    /// The things a role can be allowed to do.
    public enum Permission: Sendable, Hashable {
        case manageKeys, createAdminKeys, setPrices, readAllTraces, readOperations
        /// Create and delete collections, add and delete documents (searching needs no role).
        case manageKnowledge
        /// Mark review-inbox items as reviewed.
        case reviewTraces
    }

    public func allows(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, _): return true
        case (.developer, .manageKeys), (.developer, .readAllTraces), (.developer, .readOperations), (.developer, .manageKnowledge),
             (.developer, .reviewTraces):
            return true
        case (.viewer, .readAllTraces), (.viewer, .readOperations): return true
        default: return false
        }
    }
}
