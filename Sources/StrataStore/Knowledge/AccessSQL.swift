import GRDB
import StrataCore

/// The SQL forms of `AccessControl.permits` and `MetadataFilter.matches`, over the `documents`
/// table aliased `d`. Every value is a bound argument; field names reach SQL only as bound
/// JSON paths. Tests hold both forms to the same answers.
enum AccessSQL {
    /// True exactly for the documents `principal` may read.
    static func readable(by principal: Principal) -> SQL {
        if principal.unrestricted { return "1" }
        let clearances = JSONText.encode(principal.clearances.sorted())
        let groups = JSONText.encode(principal.groups.sorted())
        return """
            (d.tenant = \(principal.tenant)
             AND NOT EXISTS (SELECT 1 FROM json_each(d.acl_labels) l
                             WHERE l.value NOT IN (SELECT value FROM json_each(\(clearances))))
             AND ((d.acl_owners = '[]' AND d.acl_groups = '[]')
                  OR EXISTS (SELECT 1 FROM json_each(d.acl_owners) o WHERE o.value = \(principal.user))
                  OR EXISTS (SELECT 1 FROM json_each(d.acl_groups) g
                             WHERE g.value IN (SELECT value FROM json_each(\(groups))))))
            """
    }

    /// True exactly for the documents whose metadata passes `filter`.
    static func matching(_ filter: MetadataFilter) -> SQL {
        switch filter {
        case .all(let parts):
            guard !parts.isEmpty else { return "1" }
            return "(" + joined(parts.map(matching), with: " AND ") + ")"
        case .any(let parts):
            guard !parts.isEmpty else { return "0" }
            return "(" + joined(parts.map(matching), with: " OR ") + ")"
        case .not(let inner):
            return "(NOT " + matching(inner) + ")"
        case .exists(let field):
            let path = jsonPath(field)
            return "(json_type(d.metadata, \(path)) IS NOT NULL)"
        case .compare(let field, let op, let value):
            let path = jsonPath(field)
            // COALESCE: a missing field compares false, never NULL, so NOT works as in memory.
            switch value {
            case .number(let number):
                return "COALESCE(json_type(d.metadata, \(path)) IN ('integer', 'real') AND json_extract(d.metadata, \(path)) \(sql: symbol(op)) \(number), 0)"
            case .string(let text):
                return "COALESCE(json_type(d.metadata, \(path)) = 'text' AND json_extract(d.metadata, \(path)) \(sql: symbol(op)) \(text), 0)"
            case .bool(let flag):
                guard op == .eq else { return "0" }
                return "COALESCE(json_type(d.metadata, \(path)) = \(flag ? "true" : "false"), 0)"
            case .null:
                guard op == .eq else { return "0" }
                return "COALESCE(json_type(d.metadata, \(path)) = 'null', 0)"
            case .array, .object:
                return "0"
            }
        }
    }

    static func jsonPath(_ field: [String]) -> String {
        "$" + field.map { ".\"\($0)\"" }.joined()
    }

    static func symbol(_ op: MetadataFilter.Comparison) -> String {
        switch op {
        case .eq: "="
        case .gt: ">"
        case .gte: ">="
        case .lt: "<"
        case .lte: "<="
        }
    }

    static func joined(_ parts: [SQL], with separator: String) -> SQL {
        var result: SQL = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { result.append(sql: separator) }
            result.append(literal: part)
        }
        return result
    }
}
