import Foundation

/// A decoded JSON value for checking generated documents independently of the grammar code
/// (JSONDecoder keeps booleans and numbers apart, unlike JSONSerialization's NSNumber).
enum GrammarTestJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([GrammarTestJSON])
    case object([String: GrammarTestJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([GrammarTestJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: GrammarTestJSON].self))
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> GrammarTestJSON {
        try JSONDecoder().decode(GrammarTestJSON.self, from: Data(bytes))
    }

    subscript(key: String) -> GrammarTestJSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var isInteger: Bool {
        if case .number(let n) = self { return n.isFinite && n == n.rounded() }
        return false
    }
}

/// A small JSON Schema validator for the keywords the grammar supports, written from the spec
/// rather than from the grammar: types, properties, required, additionalProperties, items,
/// prefixItems, min/maxItems, min/maxLength, enum, const, anyOf, oneOf (exactly one), allOf, $ref.
struct GrammarTestValidator {
    let root: GrammarTestJSON

    /// nil when valid, else what is wrong and where.
    func check(_ value: GrammarTestJSON, _ schema: GrammarTestJSON, at path: String = "$") -> String? {
        switch schema {
        case .bool(let ok): return ok ? nil : "\(path): false schema"
        case .object: break
        default: return "\(path): bad schema"
        }
        if case .string(let ref)? = schema["$ref"] {
            guard let target = resolve(ref) else { return "\(path): unresolved \(ref)" }
            return check(value, target, at: path)
        }
        if case .array(let all)? = schema["allOf"] {
            for s in all { if let e = check(value, s, at: path) { return e } }
        }
        if case .array(let any)? = schema["anyOf"], !any.contains(where: { check(value, $0, at: path) == nil }) {
            return "\(path): no anyOf alternative matches"
        }
        if case .array(let one)? = schema["oneOf"], one.filter({ check(value, $0, at: path) == nil }).count != 1 {
            return "\(path): not exactly one oneOf alternative matches"
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) { return "\(path): not in enum" }
        if let c = schema["const"], c != value { return "\(path): not the const" }
        if let t = schema["type"] {
            var names: [String] = []
            if case .string(let n) = t { names = [n] }
            if case .array(let list) = t { names = list.compactMap { if case .string(let n) = $0 { return n } else { return nil } } }
            if !names.contains(where: { Self.hasType(value, $0) }) { return "\(path): not of type \(names)" }
        }
        switch value {
        case .object(let members): return checkObject(members, schema, at: path)
        case .array(let items): return checkArray(items, schema, at: path)
        case .string(let s):
            let n = s.unicodeScalars.count
            if case .number(let min)? = schema["minLength"], Double(n) < min { return "\(path): shorter than \(min)" }
            if case .number(let max)? = schema["maxLength"], Double(n) > max { return "\(path): longer than \(max)" }
            return nil
        default:
            return nil
        }
    }

    private func checkObject(_ members: [String: GrammarTestJSON], _ schema: GrammarTestJSON, at path: String) -> String? {
        var properties: [String: GrammarTestJSON] = [:]
        if case .object(let p)? = schema["properties"] { properties = p }
        if case .array(let required)? = schema["required"] {
            for case .string(let name) in required where members[name] == nil { return "\(path): missing \(name)" }
        }
        for (key, value) in members {
            if let s = properties[key] {
                if let e = check(value, s, at: "\(path).\(key)") { return e }
            } else if let extra = schema["additionalProperties"] {
                if let e = check(value, extra, at: "\(path).\(key)") { return e }
            }
        }
        return nil
    }

    private func checkArray(_ items: [GrammarTestJSON], _ schema: GrammarTestJSON, at path: String) -> String? {
        if case .number(let min)? = schema["minItems"], Double(items.count) < min { return "\(path): fewer than \(min) items" }
        if case .number(let max)? = schema["maxItems"], Double(items.count) > max { return "\(path): more than \(max) items" }
        var prefix: [GrammarTestJSON] = []
        if case .array(let p)? = schema["prefixItems"] { prefix = p }
        for (i, item) in items.enumerated() {
            let s = i < prefix.count ? prefix[i] : schema["items"]
            if let s, let e = check(item, s, at: "\(path)[\(i)]") { return e }
        }
        return nil
    }

    private func resolve(_ ref: String) -> GrammarTestJSON? {
        guard ref.hasPrefix("#") else { return nil }
        var value = root
        for token in ref.dropFirst().split(separator: "/") {
            guard let next = value[String(token)] else { return nil }
            value = next
        }
        return value
    }

    static func hasType(_ value: GrammarTestJSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", _):
            return value.isInteger
        default:
            return false
        }
    }
}

/// SplitMix64, so every walk can be replayed from its seed.
struct GrammarTestRNG {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }
}
