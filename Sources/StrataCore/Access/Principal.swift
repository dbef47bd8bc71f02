/// Who is reading: the identity retrieval filters by. Built from the caller's virtual key
/// (its `tenant`, `user`, `groups` and `clearances` metadata), optionally narrowed to an end
/// user by a signed principal header, or `unrestricted` for the operator (master key).
public struct Principal: Sendable, Hashable, Codable {
    /// The tenant whose documents may be read; "" is the default tenant.
    public var tenant: String
    public var user: String?
    public var groups: Set<String>
    /// Sensitivity labels (e.g. `confidential`) this principal is cleared to read.
    public var clearances: Set<String>
    /// The operator: reads every tenant's documents. Never derived from a request body.
    public var unrestricted: Bool

    public init(tenant: String = "", user: String? = nil, groups: Set<String> = [], clearances: Set<String> = [],
                unrestricted: Bool = false) {
        self.tenant = tenant
        self.user = user
        self.groups = groups
        self.clearances = clearances
        self.unrestricted = unrestricted
    }

    /// The operator (master key, or a server with no keys configured): reads every tenant.
    public static let admin = Principal(unrestricted: true)

    /// From a virtual key's metadata: `tenant`, `user`, and comma-separated `groups` and `clearances`.
    public init(keyMetadata metadata: [String: String]) {
        self.init(tenant: metadata["tenant"] ?? "", user: metadata["user"],
                  groups: Self.list(metadata["groups"]), clearances: Self.list(metadata["clearances"]))
    }

    static func list(_ text: String?) -> Set<String> {
        guard let text else { return [] }
        return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    enum CodingKeys: String, CodingKey {
        case tenant, user, groups, clearances, unrestricted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant) ?? ""
        user = try c.decodeIfPresent(String.self, forKey: .user)
        groups = try c.decodeIfPresent(Set<String>.self, forKey: .groups) ?? []
        clearances = try c.decodeIfPresent(Set<String>.self, forKey: .clearances) ?? []
        // A decoded principal (from a header or a body) can never be the operator.
        unrestricted = false
    }
}

import Foundation
