/// A value inside the template interpreter, following Jinja's loose typing.
enum TemplateValue {
    case undefined
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case dict(TemplateDict)
    /// A `namespace(...)` object: mutable through `set ns.attr = …` inside loops.
    case namespace(TemplateNamespace)
    /// A built-in function or bound method.
    case function(TemplateFunction)

    var isTruthy: Bool {
        switch self {
        case .undefined, .none: false
        case let .bool(b): b
        case let .int(i): i != 0
        case let .double(d): d != 0
        case let .string(s): !s.isEmpty
        case let .array(a): !a.isEmpty
        case let .dict(d): !d.keys.isEmpty
        case .namespace, .function: true
        }
    }

    var isDefined: Bool { if case .undefined = self { false } else { true } }

    /// Jinja's `{{ value }}` rendering (Python `str` for scalars).
    var rendered: String {
        switch self {
        case .undefined: ""
        case .none: "None"
        case let .bool(b): b ? "True" : "False"
        case let .int(i): String(i)
        case let .double(d): d == d.rounded() && abs(d) < 1e15 ? String(format1: d) : "\(d)"
        case let .string(s): s
        case let .array(a): "[" + a.map(\.pythonRepr).joined(separator: ", ") + "]"
        case let .dict(d): "{" + d.keys.map { "'\($0)': " + (d.values[$0]?.pythonRepr ?? "") }.joined(separator: ", ") + "}"
        case .namespace: "<Namespace>"
        case .function: "<function>"
        }
    }

    var pythonRepr: String {
        if case let .string(s) = self { return "'" + s + "'" }
        return rendered
    }

    /// JSON text, as the `tojson` filter writes it (keys in insertion order).
    var json: String {
        switch self {
        case .undefined, .none: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .double(d): return "\(d)"
        case let .string(s):
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if u.value < 0x20 {
                        let h = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        case let .array(a): return "[" + a.map(\.json).joined(separator: ", ") + "]"
        case let .dict(d): return "{" + d.keys.map { TemplateValue.string($0).json + ": " + (d.values[$0]?.json ?? "null") }.joined(separator: ", ") + "}"
        case .namespace, .function: return "null"
        }
    }

    var typeName: String {
        switch self {
        case .undefined: "undefined"
        case .none: "none"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "list"
        case .dict: "dict"
        case .namespace: "namespace"
        case .function: "function"
        }
    }

    static func == (a: TemplateValue, b: TemplateValue) -> Bool {
        switch (a, b) {
        case (.undefined, .undefined), (.none, .none): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.int(x), .double(y)), let (.double(y), .int(x)): Double(x) == y
        case let (.double(x), .double(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case let (.dict(x), .dict(y)): x.keys == y.keys && x.keys.allSatisfy { x.values[$0]! == y.values[$0]! }
        default: false
        }
    }
}

extension String {
    init(format1 d: Double) { self = String(Int(d)) + ".0" }
}
