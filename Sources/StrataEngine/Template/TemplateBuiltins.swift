/// Jinja's built-in functions, filters, tests, operators and the Python string/dict methods
/// that chat templates call.
enum Builtins {
    static func function(_ name: String) -> TemplateValue? {
        switch name {
        case "raise_exception":
            return .function(TemplateFunction(name: name) { args, _ throws(TemplateError) in
                throw .raised(args.first?.rendered ?? "error")
            })
        case "range":
            return .function(TemplateFunction(name: name) { args, _ throws(TemplateError) in
                let n = args.map { v -> Int in if case let .int(i) = v { i } else { 0 } }
                let (lo, hi, step) = n.count == 1 ? (0, n[0], 1) : n.count == 2 ? (n[0], n[1], 1) : n.count >= 3 ? (n[0], n[1], n[2]) : (0, 0, 1)
                guard step != 0 else { throw .runtime("range() step must not be zero") }
                return .array(Array(stride(from: lo, to: hi, by: step)).map { .int($0) })
            })
        case "namespace":
            return .function(TemplateFunction(name: name) { _, kwargs throws(TemplateError) in
                let ns = TemplateNamespace()
                for k in kwargs.keys.sorted() { ns.dict[k] = kwargs[k]! }
                return .namespace(ns)
            })
        default: return nil
        }
    }

    static func member(_ v: TemplateValue, _ name: String) -> TemplateValue {
        switch v {
        case let .dict(d): d[name]
        case let .namespace(ns): ns.dict[name]
        default: .undefined
        }
    }

    private static func fn(_ name: String, _ body: @escaping ([TemplateValue]) throws(TemplateError) -> TemplateValue) -> TemplateValue {
        .function(TemplateFunction(name: name) { args, _ throws(TemplateError) in try body(args) })
    }

    private static func stripped(_ s: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let set = chars.map { Set($0.unicodeScalars) }
        func strip(_ c: Unicode.Scalar) -> Bool { set?.contains(c) ?? c.properties.isWhitespace }
        var u = Array(s.unicodeScalars)[...]
        if leading { while let f = u.first, strip(f) { u = u.dropFirst() } }
        if trailing { while let l = u.last, strip(l) { u = u.dropLast() } }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u)
        return String(v)
    }

    static func method(_ v: TemplateValue, _ name: String) -> TemplateValue? {
        switch v {
        case let .string(s):
            func arg(_ a: [TemplateValue], _ i: Int) -> String? { i < a.count ? (a[i].isDefined && !(a[i] == .none) ? a[i].rendered : nil) : nil }
            switch name {
            case "strip": return fn(name) { a in .string(stripped(s, arg(a, 0), leading: true, trailing: true)) }
            case "lstrip": return fn(name) { a in .string(stripped(s, arg(a, 0), leading: true, trailing: false)) }
            case "rstrip": return fn(name) { a in .string(stripped(s, arg(a, 0), leading: false, trailing: true)) }
            case "upper": return fn(name) { _ in .string(s.uppercased()) }
            case "lower": return fn(name) { _ in .string(s.lowercased()) }
            case "title": return fn(name) { _ in .string(titleCased(s)) }
            case "capitalize": return fn(name) { _ in .string(capitalized(s)) }
            case "startswith": return fn(name) { a in .bool(s.hasPrefix(arg(a, 0) ?? "")) }
            case "endswith": return fn(name) { a in .bool(s.hasSuffix(arg(a, 0) ?? "")) }
            case "split":
                return fn(name) { a in
                    if let sep = arg(a, 0) { return .array(split(s, sep).map { .string($0) }) }
                    return .array(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
                }
            case "replace": return fn(name) { a in .string(replace(s, arg(a, 0) ?? "", arg(a, 1) ?? "")) }
            default: return nil
            }
        case let .dict(d):
            switch name {
            case "items": return fn(name) { _ in .array(d.keys.map { .array([.string($0), d[$0]]) }) }
            case "keys": return fn(name) { _ in .array(d.keys.map { .string($0) }) }
            case "values": return fn(name) { _ in .array(d.keys.map { d[$0] }) }
            case "get": return fn(name) { a in
                let v = a.isEmpty ? .undefined : d[a[0].rendered]
                return v.isDefined ? v : (a.count > 1 ? a[1] : .none)
            }
            default: return nil
            }
        default: return nil
        }
    }

    static func split(_ s: String, _ sep: String) -> [String] {
        guard !sep.isEmpty else { return [s] }
        // Byte-wise search: no Foundation in the engine.
        let h = Array(s.utf8), n = Array(sep.utf8)
        var out: [String] = []
        var start = 0, i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] && h[i ..< i + n.count].elementsEqual(n) {
                out.append(String(decoding: h[start ..< i], as: UTF8.self))
                i += n.count
                start = i
            } else {
                i += 1
            }
        }
        out.append(String(decoding: h[start...], as: UTF8.self))
        return out
    }

    static func replace(_ s: String, _ a: String, _ b: String) -> String {
        a.isEmpty ? s : split(s, a).joined(separator: b)
    }

    static func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst().lowercased()
    }

    static func titleCased(_ s: String) -> String {
        var out = ""
        var startOfWord = true
        for c in s {
            out += startOfWord ? c.uppercased() : c.lowercased()
            startOfWord = !c.isLetter
        }
        return out
    }

    static func index(_ v: TemplateValue, _ i: TemplateValue) -> TemplateValue {
        switch (v, i) {
        case let (.array(a), .int(n)):
            let k = n < 0 ? a.count + n : n
            return k >= 0 && k < a.count ? a[k] : .undefined
        case let (.string(s), .int(n)):
            let chars = Array(s)
            let k = n < 0 ? chars.count + n : n
            return k >= 0 && k < chars.count ? .string(String(chars[k])) : .undefined
        case let (.dict(d), key): return d[key.rendered]
        case let (.namespace(ns), key): return ns.dict[key.rendered]
        default: return .undefined
        }
    }

    static func slice(_ v: TemplateValue, _ a: TemplateValue?, _ b: TemplateValue?, _ c: TemplateValue?) throws(TemplateError) -> TemplateValue {
        func int(_ x: TemplateValue?) -> Int? { if case let .int(i) = x { i } else { nil } }
        func pick<T>(_ items: [T]) throws(TemplateError) -> [T] {
            let n = items.count
            let step = int(c) ?? 1
            guard step != 0 else { throw .runtime("slice step must not be zero") }
            func norm(_ x: Int?, _ def: Int) -> Int {
                guard var x else { return def }
                if x < 0 { x += n }
                return step > 0 ? min(max(x, 0), n) : min(max(x, -1), n - 1)
            }
            var out: [T] = []
            if step > 0 {
                var i = norm(int(a), 0)
                let end = norm(int(b), n)
                while i < end { out.append(items[i]); i += step }
            } else {
                var i = norm(int(a), n - 1)
                let end = norm(int(b), -1)
                while i > end { out.append(items[i]); i += step }
            }
            return out
        }
        switch v {
        case let .array(items): return .array(try pick(items))
        case let .string(s): return .string(String(try pick(Array(s))))
        default: return .undefined
        }
    }

    static func length(_ v: TemplateValue) -> Int {
        switch v {
        case let .array(a): a.count
        case let .string(s): s.count
        case let .dict(d): d.keys.count
        default: 0
        }
    }

    static func filter(_ name: String, _ v: TemplateValue, _ a: [TemplateValue], _ k: [String: TemplateValue]) throws(TemplateError) -> TemplateValue {
        switch name {
        case "trim": return .string(stripped(v.rendered, nil, leading: true, trailing: true))
        case "length", "count": return .int(length(v))
        case "upper": return .string(v.rendered.uppercased())
        case "lower": return .string(v.rendered.lowercased())
        case "capitalize": return .string(capitalized(v.rendered))
        case "title": return .string(titleCased(v.rendered))
        case "string": return .string(v.rendered)
        case "safe", "e", "escape": return v
        case "tojson": return .string(v.json)
        case "int":
            switch v {
            case let .int(i): return .int(i)
            case let .double(d): return .int(Int(d))
            case let .string(s): return .int(Int(s) ?? 0)
            default: return .int(0)
            }
        case "float":
            switch v {
            case let .int(i): return .double(Double(i))
            case let .double(d): return .double(d)
            default: return .double(Double(v.rendered) ?? 0)
            }
        case "abs":
            if case let .int(i) = v { return .int(abs(i)) }
            if case let .double(d) = v { return .double(abs(d)) }
            return v
        case "first":
            if case let .array(x) = v { return x.first ?? .undefined }
            if case let .string(s) = v { return s.first.map { .string(String($0)) } ?? .undefined }
            return .undefined
        case "last":
            if case let .array(x) = v { return x.last ?? .undefined }
            if case let .string(s) = v { return s.last.map { .string(String($0)) } ?? .undefined }
            return .undefined
        case "reverse":
            if case let .array(x) = v { return .array(x.reversed()) }
            return .string(String(v.rendered.reversed()))
        case "list":
            switch v {
            case .array: return v
            case let .string(s): return .array(s.map { .string(String($0)) })
            case let .dict(d): return .array(d.keys.map { .string($0) })
            default: return .array([])
            }
        case "items":
            if case let .dict(d) = v { return .array(d.keys.map { .array([.string($0), d[$0]]) }) }
            return .array([])
        case "join":
            let sep = a.first?.rendered ?? ""
            if case let .array(x) = v { return .string(x.map(\.rendered).joined(separator: sep)) }
            return .string(v.rendered)
        case "default", "d":
            let fallback = a.first ?? .string("")
            let boolean = (a.count > 1 && a[1].isTruthy) || (k["boolean"]?.isTruthy ?? false)
            return (boolean ? v.isTruthy : v.isDefined) ? v : fallback
        case "replace":
            return .string(replace(v.rendered, a.first?.rendered ?? "", a.count > 1 ? a[1].rendered : ""))
        case "selectattr", "rejectattr":
            guard case let .array(items) = v, let attr = a.first?.rendered else { return .array([]) }
            let keep = name == "selectattr"
            var out: [TemplateValue] = []
            for item in items {
                let m = member(item, attr)
                let r = a.count > 1 ? try test(a[1].rendered, m, Array(a.dropFirst(2))) : m.isTruthy
                if r == keep { out.append(item) }
            }
            return .array(out)
        case "map":
            guard case let .array(items) = v else { return .array([]) }
            if let attr = k["attribute"] { return .array(items.map { member($0, attr.rendered) }) }
            if let f = a.first?.rendered {
                var out: [TemplateValue] = []
                for item in items { out.append(try filter(f, item, Array(a.dropFirst()), [:])) }
                return .array(out)
            }
            return v
        case "unique":
            guard case let .array(items) = v else { return v }
            var out: [TemplateValue] = []
            for item in items where !out.contains(where: { $0 == item }) { out.append(item) }
            return .array(out)
        default:
            throw .runtime("unknown filter \(name)")
        }
    }

    static func test(_ name: String, _ v: TemplateValue, _ a: [TemplateValue]) throws(TemplateError) -> Bool {
        switch name {
        case "defined": return v.isDefined
        case "undefined": return !v.isDefined
        case "none": if case .none = v { return true } else { return false }
        case "string": if case .string = v { return true } else { return false }
        case "number": switch v { case .int, .double: return true; default: return false }
        case "integer": if case .int = v { return true } else { return false }
        case "float": if case .double = v { return true } else { return false }
        case "boolean": if case .bool = v { return true } else { return false }
        case "mapping": switch v { case .dict, .namespace: return true; default: return false }
        case "iterable", "sequence": switch v { case .array, .string, .dict: return true; default: return false }
        case "true": if case .bool(true) = v { return true } else { return false }
        case "false": if case .bool(false) = v { return true } else { return false }
        case "odd": if case let .int(i) = v { return i % 2 != 0 } else { return false }
        case "even": if case let .int(i) = v { return i % 2 == 0 } else { return false }
        case "equalto", "eq", "==", "sameas": return v == (a.first ?? .undefined)
        case "ne", "!=": return !(v == (a.first ?? .undefined))
        case "in": return try binary("in", v, a.first ?? .undefined).isTruthy
        default: throw .runtime("unknown test \(name)")
        }
    }

    static func binary(_ op: String, _ l: TemplateValue, _ r: TemplateValue) throws(TemplateError) -> TemplateValue {
        func num(_ v: TemplateValue) -> Double? {
            switch v {
            case let .int(i): Double(i)
            case let .double(d): d
            case let .bool(b): b ? 1 : 0
            default: nil
            }
        }
        func arith(_ f: (Int, Int) -> Int?, _ g: (Double, Double) -> Double) throws(TemplateError) -> TemplateValue {
            if case let .int(a) = l, case let .int(b) = r, let x = f(a, b) { return .int(x) }
            guard let a = num(l), let b = num(r) else { throw .runtime("cannot apply \(op) to \(l.typeName) and \(r.typeName)") }
            return .double(g(a, b))
        }
        switch op {
        case "+":
            switch (l, r) {
            case let (.string(a), .string(b)): return .string(a + b)
            case let (.array(a), .array(b)): return .array(a + b)
            default: return try arith({ $0.addingReportingOverflow($1).overflow ? nil : $0 + $1 }, +)
            }
        case "-": return try arith({ $0.subtractingReportingOverflow($1).overflow ? nil : $0 - $1 }, -)
        case "*":
            if case let .string(s) = l, case let .int(n) = r { return .string(String(repeating: s, count: max(0, n))) }
            return try arith({ $0.multipliedReportingOverflow(by: $1).overflow ? nil : $0 * $1 }, *)
        case "/":
            guard let a = num(l), let b = num(r), b != 0 else { throw .runtime("division by zero or of non-numbers") }
            return .double(a / b)
        case "//":
            guard case let .int(a) = l, case let .int(b) = r, b != 0 else { throw .runtime("integer division needs non-zero integers") }
            return .int(Int((Double(a) / Double(b)).rounded(.down)))
        case "%":
            guard case let .int(a) = l, case let .int(b) = r, b != 0 else { throw .runtime("modulo needs non-zero integers") }
            return .int(((a % b) + b) % b)
        case "~": return .string(l.rendered + r.rendered)
        case "==": return .bool(l == r)
        case "!=": return .bool(!(l == r))
        case "<", ">", "<=", ">=":
            let c: Int
            if case let .string(a) = l, case let .string(b) = r {
                c = a < b ? -1 : a == b ? 0 : 1
            } else if let a = num(l), let b = num(r) {
                c = a < b ? -1 : a == b ? 0 : 1
            } else {
                throw .runtime("cannot compare \(l.typeName) with \(r.typeName)")
            }
            switch op {
            case "<": return .bool(c < 0)
            case ">": return .bool(c > 0)
            case "<=": return .bool(c <= 0)
            default: return .bool(c >= 0)
            }
        case "in":
            switch r {
            case let .array(a): return .bool(a.contains { $0 == l })
            case let .string(s): return .bool(s.contains(l.rendered))
            case let .dict(d): return .bool(d.values[l.rendered] != nil)
            default: return .bool(false)
            }
        default: throw .runtime("unknown operator \(op)")
        }
    }
}
