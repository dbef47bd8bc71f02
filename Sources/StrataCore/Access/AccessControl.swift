/// Who may read a document and every chunk cut from it.
///
/// A principal may read when all hold:
/// - it is in the same tenant (the operator reads every tenant);
/// - it holds every one of the document's `labels` among its clearances;
/// - the document is open to the whole tenant (no `owners`, no `groups`), or the principal's
///   user is an owner, or it shares a group with the document.
public struct AccessControl: Sendable, Hashable, Codable {
    public var tenant: String
    public var owners: [String]
    public var groups: [String]
    public var labels: [String]

    public init(tenant: String = "", owners: [String] = [], groups: [String] = [], labels: [String] = []) {
        self.tenant = tenant
        self.owners = Self.normalized(owners)
        self.groups = Self.normalized(groups)
        self.labels = Self.normalized(labels)
    }

    /// Sorted, de-duplicated, blank entries dropped: equal ACLs compare equal and hash alike.
    static func normalized(_ values: [String]) -> [String] {
        Array(Set(values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
    }

    public var isOpenToTenant: Bool { owners.isEmpty && groups.isEmpty }

    /// Names compare byte for byte (as SQL compares them), never by Unicode equivalence, so
    /// the vector walk and the keyword query always agree.
    public func permits(_ principal: Principal) -> Bool {
        if principal.unrestricted { return true }
        func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
        func holds(_ names: Set<String>, _ name: String) -> Bool { names.contains { same($0, name) } }
        guard same(tenant, principal.tenant) else { return false }
        guard labels.allSatisfy({ holds(principal.clearances, $0) }) else { return false }
        if isOpenToTenant { return true }
        if let user = principal.user, owners.contains(where: { same($0, user) }) { return true }
        return groups.contains { holds(principal.groups, $0) }
    }

    enum CodingKeys: String, CodingKey {
        case tenant, owners, groups, labels
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(tenant: try c.decodeIfPresent(String.self, forKey: .tenant) ?? "",
                  owners: try c.decodeIfPresent([String].self, forKey: .owners) ?? [],
                  groups: try c.decodeIfPresent([String].self, forKey: .groups) ?? [],
                  labels: try c.decodeIfPresent([String].self, forKey: .labels) ?? [])
    }
}

import Foundation
