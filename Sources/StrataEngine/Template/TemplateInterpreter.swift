/// Evaluates a parsed template against a context of variables.
final class TemplateInterpreter {
    private var scopes: [[String: TemplateValue]]
    private var output = ""

    init(globals: [String: TemplateValue]) {
        scopes = [globals]
    }

    func render(_ nodes: [TemplateNode]) throws(TemplateError) -> String {
        try run(nodes)
        return output
    }

    private func lookup(_ name: String) -> TemplateValue {
        for s in scopes.reversed() { if let v = s[name] { return v } }
        return Builtins.function(name) ?? .undefined
    }

    private func assign(_ name: String, _ value: TemplateValue) { scopes[scopes.count - 1][name] = value }

    private func run(_ nodes: [TemplateNode]) throws(TemplateError) {
        for node in nodes {
            switch node {
            case let .text(t): output += t
            case let .output(e): output += try eval(e).rendered
            case let .ifBlock(branches, otherwise):
                var done = false
                for (cond, body) in branches where try eval(cond).isTruthy {
                    try run(body); done = true; break
                }
                if !done { try run(otherwise) }
            case let .forBlock(targets, iterable, filter, body, otherwise):
                try runFor(targets, try eval(iterable), filter, body, otherwise)
            case let .set(target, attribute, value):
                let v = try eval(value)
                if let attribute {
                    guard case let .namespace(ns) = lookup(target) else {
                        throw .runtime("cannot set attribute \(attribute) on \(target), which is not a namespace")
                    }
                    ns.dict[attribute] = v
                } else {
                    assign(target, v)
                }
            case let .setBlock(target, body):
                let saved = output
                output = ""
                try run(body)
                let captured = output
                output = saved
                assign(target, .string(captured))
            }
        }
    }

    private func runFor(_ targets: [String], _ seq: TemplateValue, _ filter: TemplateExpr?, _ body: [TemplateNode], _ otherwise: [TemplateNode]) throws(TemplateError) {
        var items: [TemplateValue]
        switch seq {
        case let .array(a): items = a
        case let .dict(d): items = d.keys.map { .string($0) }
        case let .string(s): items = s.map { .string(String($0)) }
        case .undefined, .none: items = []
        default: throw .runtime("cannot loop over a \(seq.typeName)")
        }
        scopes.append([:])
        defer { scopes.removeLast() }
        if let filter {
            var kept: [TemplateValue] = []
            for item in items {
                bind(targets, item)
                if try eval(filter).isTruthy { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty { try run(otherwise); return }
        for (i, item) in items.enumerated() {
            bind(targets, item)
            var loop = TemplateDict()
            loop["index"] = .int(i + 1)
            loop["index0"] = .int(i)
            loop["revindex"] = .int(items.count - i)
            loop["revindex0"] = .int(items.count - i - 1)
            loop["first"] = .bool(i == 0)
            loop["last"] = .bool(i == items.count - 1)
            loop["length"] = .int(items.count)
            loop["previtem"] = i > 0 ? items[i - 1] : .undefined
            loop["nextitem"] = i + 1 < items.count ? items[i + 1] : .undefined
            assign("loop", .dict(loop))
            try run(body)
        }
    }

    private func bind(_ targets: [String], _ item: TemplateValue) {
        if targets.count == 1 { assign(targets[0], item); return }
        if case let .array(parts) = item {
            for (i, t) in targets.enumerated() { assign(t, i < parts.count ? parts[i] : .undefined) }
        }
    }

    func eval(_ e: TemplateExpr) throws(TemplateError) -> TemplateValue {
        switch e {
        case let .literal(l):
            switch l {
            case .none: return .none
            case let .bool(b): return .bool(b)
            case let .int(i): return .int(i)
            case let .double(d): return .double(d)
            case let .string(s): return .string(s)
            }
        case let .variable(n): return lookup(n)
        case let .list(items):
            var out: [TemplateValue] = []
            for i in items { out.append(try eval(i)) }
            return .array(out)
        case let .dict(pairs):
            var d = TemplateDict()
            for (k, v) in pairs { d[try eval(k).rendered] = try eval(v) }
            return .dict(d)
        case let .attribute(base, name):
            let b = try eval(base)
            let member = Builtins.member(b, name)
            if member.isDefined { return member }
            return Builtins.method(b, name) ?? .undefined
        case let .subscriptAt(base, index):
            return Builtins.index(try eval(base), try eval(index))
        case let .slice(base, a, b, c):
            return try Builtins.slice(try eval(base), try a.map { e throws(TemplateError) in try eval(e) },
                                      try b.map { e throws(TemplateError) in try eval(e) }, try c.map { e throws(TemplateError) in try eval(e) })
        case let .call(fn, args, kwargs):
            let f = try eval(fn)
            guard case let .function(function) = f else { throw .runtime("\(describe(fn)) is not callable") }
            var a: [TemplateValue] = []
            for x in args { a.append(try eval(x)) }
            var k: [String: TemplateValue] = [:]
            for (name, x) in kwargs { k[name] = try eval(x) }
            return try function.call(a, k)
        case let .filter(base, name, args, kwargs):
            let v = try eval(base)
            var a: [TemplateValue] = []
            for x in args { a.append(try eval(x)) }
            var k: [String: TemplateValue] = [:]
            for (n, x) in kwargs { k[n] = try eval(x) }
            return try Builtins.filter(name, v, a, k)
        case let .test(base, name, negated, args):
            let v = try eval(base)
            var a: [TemplateValue] = []
            for x in args { a.append(try eval(x)) }
            let r = try Builtins.test(name, v, a)
            return .bool(negated ? !r : r)
        case let .unary(op, x):
            let v = try eval(x)
            switch op {
            case "not": return .bool(!v.isTruthy)
            default:
                switch v {
                case let .int(i): return .int(-i)
                case let .double(d): return .double(-d)
                default: throw .runtime("cannot negate a \(v.typeName)")
                }
            }
        case let .binary(op, l, r):
            if op == "and" { let a = try eval(l); return a.isTruthy ? try eval(r) : a }
            if op == "or" { let a = try eval(l); return a.isTruthy ? a : try eval(r) }
            return try Builtins.binary(op, try eval(l), try eval(r))
        case let .conditional(value, condition, otherwise):
            if try eval(condition).isTruthy { return try eval(value) }
            return try otherwise.map { e throws(TemplateError) in try eval(e) } ?? .undefined
        }
    }

    private func describe(_ e: TemplateExpr) -> String {
        switch e {
        case let .variable(n): n
        case let .attribute(_, n): n
        default: "expression"
        }
    }
}
